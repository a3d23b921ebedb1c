import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/billing/payouts/route";
import * as itemRoute from "@/app/api/v1/billing/payouts/[id]/route";
import * as markPaidRoute from "@/app/api/v1/billing/payouts/[id]/mark-paid/route";
import * as markFailedRoute from "@/app/api/v1/billing/payouts/[id]/mark-failed/route";
import * as statementsRoute from "@/app/api/v1/billing/payouts/statements/route";
import * as balanceRoute from "@/app/api/v1/billing/payouts/balance/route";
import { payouts } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { addPartnerMember, createApiKey, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { expectProblem } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { runToCompletion } from "../billing-runs";
import { installAt, insertPayout, paidListing, payoutRunRow, revenueSharePlan } from "./test-fixtures";

const db = useTestDb();

type Creds = { cookie?: string; bearer?: string };
const list = (creds: Creds, query = "") => callRoute(listRoute.GET, { path: `/api/v1/billing/payouts${query}`, ...creds });
const get = (id: string, creds: Creds) => callRoute(itemRoute.GET, { path: `/api/v1/billing/payouts/${id}`, params: { id }, ...creds });
const markPaid = (id: string, creds: Creds, body: unknown) => callRoute(markPaidRoute.POST, { path: `/api/v1/billing/payouts/${id}/mark-paid`, params: { id }, body, ...creds });
const markFailed = (id: string, creds: Creds, body: unknown) =>
  callRoute(markFailedRoute.POST, { path: `/api/v1/billing/payouts/${id}/mark-failed`, params: { id }, body, ...creds });
const statements = (creds: Creds, query = "") => callRoute(statementsRoute.GET, { path: `/api/v1/billing/payouts/statements${query}`, ...creds });
const balance = (creds: Creds, query = "") => callRoute(balanceRoute.GET, { path: `/api/v1/billing/payouts/balance${query}`, ...creds });

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((p) => p.id);
const admin = async () => ({ cookie: await sessionCookie((await createUser(db(), { admin: true })).id) });

/** A partner (with an owner who signs in) whose paid listing earned `cents` a month in each period, run. */
async function earningPartner(periods: string[], cents: number, revenueShareBps?: number) {
  const { partner, user } = await createPartnerWithMember(db());
  if (revenueShareBps !== undefined) await revenueSharePlan(db(), partner.id, revenueShareBps);
  const l = await paidListing(db(), { partnerId: partner.id, monthlyPriceCents: cents });
  await installAt(db(), l, "2020-01-01T00:00:00Z");
  for (const period of periods) {
    const run = await payoutRunRow(db(), period, partner.id);
    expect((await runToCompletion(db(), run.id))?.status).toBe("succeeded");
  }
  return { partner, user, cookie: await sessionCookie(user.id) };
}

describe("GET /billing/payouts", () => {
  it("shows a partner its own payouts, newest first, filtered and paginated; an admin every partner's", async () => {
    const a = await earningPartner(["2027-01", "2027-02", "2027-03"], 3000);
    const b = await earningPartner(["2027-01"], 5000, 1000);

    const own = await list({ cookie: a.cookie });
    expect(own.status, own.text).toBe(200);
    expect(own.body.data.map((p: { period: string }) => p.period)).toEqual(["2027-03", "2027-02", "2027-01"]);
    expect(own.body.data.every((p: { partnerId: string }) => p.partnerId === a.partner.id)).toBe(true);
    expect(own.body.data[0]).toEqual({
      id: expect.any(String),
      partnerId: a.partner.id,
      period: "2027-03",
      status: "processing",
      grossCents: 3000,
      platformShareCents: 0,
      carriedForwardCents: 0,
      amountCents: 3000,
      currency: "USD",
      reference: null,
      paidAt: null,
      failureReason: null,
      failedAt: null,
      provider: "manual",
      createdAt: expect.any(String),
    });

    const page1 = await list({ cookie: a.cookie }, "?limit=2");
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await list({ cookie: a.cookie }, `?limit=2&cursor=${page1.body.nextCursor}`);
    expect([...ids(page1), ...ids(page2)]).toEqual(ids(own));
    expect(page2.body.nextCursor).toBeNull();

    expect(ids(await list({ cookie: a.cookie }, "?period=2027-02"))).toEqual([own.body.data[1].id]);
    const paid = await markPaid(own.body.data[2].id, await admin(), { reference: "WIRE-1" });
    expect(paid.status, paid.text).toBe(200);
    expect(ids(await list({ cookie: a.cookie }, "?status=paid"))).toEqual([own.body.data[2].id]);
    expect(ids(await list({ cookie: a.cookie }, "?status=processing"))).toEqual(ids(own).slice(0, 2));

    // An API key of the partner with read:billing sees the same.
    const key = await createApiKey(db(), a.partner.id, { scopes: ["read:billing"] });
    expect(ids(await list({ bearer: key.key }))).toEqual(ids(own));

    // Another partner's partnerId: refused, not silently widened, with the 404 of an unknown partner.
    expectProblem(await list({ cookie: a.cookie }, `?partnerId=${b.partner.id}`), 404, "NOT_FOUND");
    expectProblem(await list({ bearer: key.key }, `?partnerId=${randomUUID()}`), 404, "NOT_FOUND");

    const all = await list(await admin(), "?limit=100");
    expect(ids(all)).toEqual(expect.arrayContaining([...ids(own), ...ids(await list({ cookie: b.cookie }))]));
    const onlyB = await list(await admin(), `?partnerId=${b.partner.id}`);
    // 5000 − 10% = 4500
    expect(onlyB.body.data).toMatchObject([{ partnerId: b.partner.id, grossCents: 5000, platformShareCents: 500, amountCents: 4500 }]);
  });

  it("refuses a bad filter with 422 naming it", async () => {
    const a = await earningPartner([], 100);
    const res = await list({ cookie: a.cookie }, "?status=lost&period=2027-13");
    expectProblem(res, 422, "VALIDATION_FAILED");
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["period", "status"]);
  });
});

describe("GET /billing/payouts/{id}", () => {
  it("answers the owner and admins; another partner gets the 404 of an id that does not exist", async () => {
    const a = await earningPartner(["2027-04"], 2600);
    const b = await earningPartner([], 100);
    const [p] = (await list({ cookie: a.cookie })).body.data;

    const own = await get(p.id, { cookie: a.cookie });
    expect(own.status, own.text).toBe(200);
    expect(own.body).toEqual(p);
    expect((await get(p.id, await admin())).body).toEqual(p);

    const other = await get(p.id, { cookie: b.cookie });
    expectProblem(other, 404, "NOT_FOUND");
    const missing = await get(randomUUID(), { cookie: b.cookie });
    expect({ status: missing.status, detail: missing.body.detail }).toEqual({ status: 404, detail: other.body.detail });
    expectProblem(await get("not-a-uuid", { cookie: a.cookie }), 404, "NOT_FOUND");
  });
});

describe("the payout lifecycle", () => {
  it("pending or processing → paid with a reference; then any other step is 409 naming the status", async () => {
    const a = await earningPartner(["2027-05"], 3000);
    const [p] = (await list({ cookie: a.cookie })).body.data;
    const adm = await admin();

    const res = await markPaid(p.id, adm, { reference: "WIRE-2027-05", paidAt: "2025-06-03T10:00:00Z" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: p.id, status: "paid", reference: "WIRE-2027-05", paidAt: "2025-06-03T10:00:00.000Z", failureReason: null, amountCents: 3000 });
    expect((await get(p.id, { cookie: a.cookie })).body).toEqual(res.body);

    const again = await markPaid(p.id, adm, { reference: "WIRE-again" });
    expectProblem(again, 409, "INVALID_TRANSITION");
    expect(again.body.detail).toContain("paid");
    const fail = await markFailed(p.id, adm, { reason: "bounced" });
    expectProblem(fail, 409, "INVALID_TRANSITION");
    expect(fail.body.detail).toContain("paid");
    // Refused steps changed nothing, and the balance stayed empty.
    expect((await get(p.id, adm)).body).toEqual(res.body);
    expect((await balance({ cookie: a.cookie })).body.balanceCents).toBe(0);

    // From pending, too (a provider that never answered).
    const pending = await insertPayout(db(), a.partner.id, { period: "2027-06", status: "pending", amountCents: 2500 });
    const now = Date.now();
    const fromPending = await markPaid(pending.id, adm, { reference: "CHK-77" });
    expect(fromPending.body).toMatchObject({ status: "paid", reference: "CHK-77" });
    expect(Math.abs(Date.parse(fromPending.body.paidAt) - now)).toBeLessThan(60_000);
  });

  it("processing → failed returns the amount to the balance, once; the next run pays it", async () => {
    const a = await earningPartner(["2027-07"], 4000);
    const [p] = (await list({ cookie: a.cookie })).body.data;
    const adm = await admin();

    const res = await markFailed(p.id, adm, { reason: "  Account closed  " });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: "failed", failureReason: "Account closed", paidAt: null, reference: null });
    expect(Date.parse(res.body.failedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect((await balance({ cookie: a.cookie })).body).toEqual({ partnerId: a.partner.id, balanceCents: 4000, currency: "USD", minimumCents: 2500 });

    const twice = await markFailed(p.id, adm, { reason: "again" });
    expectProblem(twice, 409, "INVALID_TRANSITION");
    expect(twice.body.detail).toContain("failed");
    expectProblem(await markPaid(p.id, adm, { reference: "late" }), 409, "INVALID_TRANSITION");
    expect((await balance({ cookie: a.cookie })).body.balanceCents).toBe(4000);

    // August: the listing earned 4000 again, plus the 4000 returned.
    const run = await payoutRunRow(db(), "2027-08", a.partner.id);
    await runToCompletion(db(), run.id);
    const [aug] = (await list({ cookie: a.cookie }, "?period=2027-08")).body.data;
    expect(aug).toMatchObject({ grossCents: 4000, carriedForwardCents: 4000, amountCents: 8000, status: "processing" });
    expect((await balance({ cookie: a.cookie })).body.balanceCents).toBe(0);
  });

  it("lets only platform admins settle, and checks the body", async () => {
    const a = await earningPartner(["2027-09"], 3000);
    const [p] = (await list({ cookie: a.cookie })).body.data;
    const billingMember = await sessionCookie((await addPartnerMember(db(), a.partner.id, "billing")).id);
    expectProblem(await markPaid(p.id, { cookie: a.cookie }, { reference: "self-paid" }), 403, "FORBIDDEN");
    expectProblem(await markFailed(p.id, { cookie: billingMember }, { reason: "x" }), 403, "FORBIDDEN");
    const key = await createApiKey(db(), a.partner.id, { scopes: ["write:billing"] });
    expectProblem(await markPaid(p.id, { bearer: key.key }, { reference: "self-paid" }), 403, "FORBIDDEN");
    expect((await get(p.id, { cookie: a.cookie })).body.status).toBe("processing");

    const adm = await admin();
    const noRef = await markPaid(p.id, adm, { reference: "   " });
    expectProblem(noRef, 422, "VALIDATION_FAILED");
    expect(noRef.body.errors.map((e: { path: string }) => e.path)).toEqual(["reference"]);
    const future = await markPaid(p.id, adm, { reference: "WIRE", paidAt: new Date(Date.now() + 86_400_000).toISOString() });
    expectProblem(future, 422, "VALIDATION_FAILED");
    expect(future.body.errors.map((e: { path: string }) => e.path)).toEqual(["paidAt"]);
    const noReason = await markFailed(p.id, adm, {});
    expectProblem(noReason, 422, "VALIDATION_FAILED");
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(["reason"]);
    expectProblem(await markPaid(randomUUID(), adm, { reference: "WIRE" }), 404, "NOT_FOUND");
    const [row] = await db().select().from(payouts).where(eq(payouts.id, p.id));
    expect(row.status).toBe("processing");
  });
});

describe("GET /billing/payouts/statements", () => {
  it("lists the partner's statements, paid out or carried forward; admins filter by partner and period", async () => {
    // 1500 a month: October carried (1500), November paid (3000 with 1500 carried in).
    const a = await earningPartner(["2027-10", "2027-11"], 1500);
    const b = await earningPartner(["2027-10"], 9900);

    const res = await statements({ cookie: a.cookie });
    expect(res.status, res.text).toBe(200);
    expect(res.body.data).toHaveLength(2);
    const [nov, oct] = res.body.data;
    expect(oct).toMatchObject({ partnerId: a.partner.id, period: "2027-10", grossCents: 1500, revenueShareBps: 0, platformShareCents: 0, carriedInCents: 0, netCents: 1500, carriedOutCents: 1500, payoutId: null });
    expect(oct.lines).toEqual([expect.objectContaining({ installs: 1, installDays: 31, daysInPeriod: 31, monthlyPriceCents: 1500, grossCents: 1500 })]);
    expect(nov).toMatchObject({ period: "2027-11", grossCents: 1500, carriedInCents: 1500, netCents: 3000, carriedOutCents: 0, payoutId: expect.any(String) });
    expect((await get(nov.payoutId, { cookie: a.cookie })).body).toMatchObject({ period: "2027-11", amountCents: 3000, carriedForwardCents: 1500 });

    expect((await statements({ cookie: a.cookie }, "?period=2027-10")).body.data.map((s: { id: string }) => s.id)).toEqual([oct.id]);
    expectProblem(await statements({ cookie: a.cookie }, `?partnerId=${b.partner.id}`), 404, "NOT_FOUND");
    const byAdmin = await statements(await admin(), `?partnerId=${b.partner.id}&period=2027-10`);
    expect(byAdmin.body.data).toMatchObject([{ partnerId: b.partner.id, grossCents: 9900, payoutId: expect.any(String) }]);
    const page = await statements({ cookie: a.cookie }, "?limit=1");
    expect(page.body.data.map((s: { id: string }) => s.id)).toEqual([nov.id]);
    const next = await statements({ cookie: a.cookie }, `?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.data.map((s: { id: string }) => s.id)).toEqual([oct.id]);
  });
});

describe("GET /billing/payouts/balance", () => {
  it("answers the partner's balance; admins name the partner", async () => {
    const a = await earningPartner(["2027-12"], 1234);
    await revenueSharePlan(db(), a.partner.id, 0, "2020-01-01T00:00:00Z", "EUR");
    expect((await balance({ cookie: a.cookie })).body).toEqual({ partnerId: a.partner.id, balanceCents: 1234, currency: "EUR", minimumCents: 2500 });

    const adm = await admin();
    expect((await balance(adm, `?partnerId=${a.partner.id}`)).body).toMatchObject({ partnerId: a.partner.id, balanceCents: 1234 });
    const unnamed = await balance(adm);
    expectProblem(unnamed, 422, "VALIDATION_FAILED");
    expect(unnamed.body.errors.map((e: { path: string }) => e.path)).toEqual(["partnerId"]);
    expectProblem(await balance(adm, `?partnerId=${randomUUID()}`), 404, "NOT_FOUND");

    // A partner that never had a balance has 0; another partner's is the 404 of an unknown one.
    const b = await createPartnerWithMember(db());
    const bCookie = await sessionCookie(b.user.id);
    expect((await balance({ cookie: bCookie })).body).toMatchObject({ partnerId: b.partner.id, balanceCents: 0, currency: "USD" });
    expectProblem(await balance({ cookie: bCookie }, `?partnerId=${a.partner.id}`), 404, "NOT_FOUND");
  });
});

describe("methods", () => {
  it("answers 405 with Allow for methods a route does not serve", async () => {
    const adm = await admin();
    const res = await callRoute(listRoute.POST, { path: "/api/v1/billing/payouts", body: {}, ...adm });
    expectProblem(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toContain("GET");
    const id = randomUUID();
    const res2 = await callRoute(markPaidRoute.GET, { path: `/api/v1/billing/payouts/${id}/mark-paid`, params: { id }, ...adm });
    expectProblem(res2, 405, "METHOD_NOT_ALLOWED");
    expect(res2.headers.get("allow")).toContain("POST");
  });
});
