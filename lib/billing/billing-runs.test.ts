import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as pricingRoute from "@/app/api/v1/billing/pricing/[partnerId]/route";
import * as previewRoute from "@/app/api/v1/billing/pricing/[partnerId]/preview/route";
import * as runRoute from "@/app/api/v1/billing/invoices/run/route";
import * as runItemRoute from "@/app/api/v1/billing/runs/[id]/route";
import * as upcomingRoute from "@/app/api/v1/billing/invoices/upcoming/route";
import * as totalsRoute from "@/app/api/v1/billing/invoices/totals/route";
import { billingRuns, events, invoiceLineItems, invoices } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { addUsage, setPlan } from "@/lib/testing/billing-fixtures";
import { createApiKey, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { claimRun, createRun, resumeStaleRuns, runBatch, runToCompletion } from "./billing-runs";
import { periodOf } from "./period";

const db = useTestDb();

const hybrid = {
  model: "hybrid" as const,
  flatFeeCents: 10_000,
  includedCalls: 1000,
  tiers: [
    { upTo: 1000, unitAmountCentsPer1000: 500 },
    { upTo: null, unitAmountCentsPer1000: 100 },
  ],
  taxRateBps: 1000,
  effectiveFrom: "2026-01-01",
};

async function partnerWithUsage(calls: number, plan: Parameters<typeof setPlan>[2] = hybrid) {
  const { partner, user } = await createPartnerWithMember(db());
  await setPlan(db(), partner.id, plan);
  if (calls) {
    await addUsage(db(), partner.id, "2026-10-03", calls);
    await addUsage(db(), partner.id, "2026-10-04", 999, { statusClass: "4xx" }); // never billable
    await addUsage(db(), partner.id, "2026-09-30", 5000); // another period
  }
  return { partner, user };
}

const invoicesOf = (period: string) => db().select().from(invoices).where(eq(invoices.period, period)).orderBy(asc(invoices.number));
const seqOf = (number: string) => Number(number.split("-")[2]);

async function runPeriod(period: string, partnerId?: string) {
  const run = await createRun(db(), { kind: "invoices", period, partnerId });
  return runToCompletion(db(), run.id, { batchSize: 2 });
}

describe("pricing API", () => {
  it("validates the plan and names the field", async () => {
    const admin = await createUser(db(), { admin: true });
    const cookie = await sessionCookie(admin.id);
    const { partner } = await createPartnerWithMember(db());
    const put = (body: unknown) => callRoute(pricingRoute.PUT, { method: "PUT", path: `/api/v1/billing/pricing/${partner.id}`, params: { partnerId: partner.id }, cookie, body });
    const cases: [unknown, string][] = [
      [{ model: "revenue_share" }, "revenueShareBps"],
      [{ model: "revenue_share", revenueShareBps: 0 }, "revenueShareBps"],
      [{ model: "flat_fee" }, "flatFeeCents"],
      [{ model: "usage_based" }, "tiers"],
      [{ model: "hybrid", flatFeeCents: 1 }, "tiers"],
      [{ model: "usage_based", tiers: [{ upTo: 10, unitAmountCentsPer1000: 1 }] }, "tiers.0.upTo"],
      [{ model: "usage_based", tiers: [{ upTo: 10, unitAmountCentsPer1000: 1 }, { upTo: 10, unitAmountCentsPer1000: 1 }, { upTo: null, unitAmountCentsPer1000: 1 }] }, "tiers.1.upTo"],
      [{ model: "usage_based", tiers: [{ upTo: null, unitAmountCentsPer1000: 1 }, { upTo: null, unitAmountCentsPer1000: 1 }] }, "tiers.0.upTo"],
      [{ model: "flat_fee", flatFeeCents: -1 }, "flatFeeCents"],
      [{ model: "flat_fee", flatFeeCents: 1.5 }, "flatFeeCents"],
      [{ model: "flat_fee", flatFeeCents: 100, taxRateBps: 10_001 }, "taxRateBps"],
      [{ model: "bogus" }, "model"],
    ];
    for (const [body, path] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path), JSON.stringify(body)).toContain(path);
    }
    const ok = await put({ model: "flat_fee", flatFeeCents: 4900 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ model: "flat_fee", flatFeeCents: 4900, partnerId: partner.id, tiers: null, currency: "USD" });
  });

  it("keeps the history; a PUT not after the latest plan replaces it", async () => {
    const { partner } = await createPartnerWithMember(db());
    await setPlan(db(), partner.id, { model: "flat_fee", flatFeeCents: 100, effectiveFrom: "2026-01-01" });
    await setPlan(db(), partner.id, { model: "flat_fee", flatFeeCents: 200, effectiveFrom: "2026-06-01" });
    await setPlan(db(), partner.id, { model: "flat_fee", flatFeeCents: 300, effectiveFrom: "2026-06-01" });
    const admin = await createUser(db(), { admin: true });
    const res = await callRoute(pricingRoute.GET, { path: `/api/v1/billing/pricing/${partner.id}`, params: { partnerId: partner.id }, cookie: await sessionCookie(admin.id) });
    expect(res.status).toBe(200);
    expect(res.body.flatFeeCents).toBe(300);
    expect(res.body.history.map((p: { flatFeeCents: number }) => p.flatFeeCents)).toEqual([300, 100]);
  });

  it("answers the partner itself; another partner gets 404; only admins PUT", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    await setPlan(db(), a.partner.id, hybrid);
    const get = async (who: string, id: string) =>
      callRoute(pricingRoute.GET, { path: `/api/v1/billing/pricing/${id}`, params: { partnerId: id }, cookie: await sessionCookie(who) });
    expect((await get(a.user.id, a.partner.id)).status).toBe(200);
    expect((await get(b.user.id, a.partner.id)).status).toBe(404);
    const key = await createApiKey(db(), b.partner.id, { scopes: ["read:billing"] });
    const viaKey = await callRoute(pricingRoute.GET, { path: `/api/v1/billing/pricing/${a.partner.id}`, params: { partnerId: a.partner.id }, bearer: key.key });
    expect(viaKey.status).toBe(404);
    const put = await callRoute(pricingRoute.PUT, {
      method: "PUT",
      path: `/api/v1/billing/pricing/${a.partner.id}`,
      params: { partnerId: a.partner.id },
      cookie: await sessionCookie(a.user.id),
      body: { model: "flat_fee", flatFeeCents: 1 },
    });
    expect(put.status).toBe(403);
  });

  it("previews last month's usage with an unsaved plan", async () => {
    const { partner } = await createPartnerWithMember(db());
    const last = periodOf(new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)));
    await addUsage(db(), partner.id, `${last}-05`, 3000);
    const admin = await createUser(db(), { admin: true });
    const res = await callRoute(previewRoute.POST, { path: `/api/v1/billing/pricing/${partner.id}/preview`, params: { partnerId: partner.id }, cookie: await sessionCookie(admin.id), body: hybrid });
    expect(res.status).toBe(200);
    // 10,000 fee + 1,000 calls in tier 1 (500) + 1,000 in tier 2 (100) = 10,600, tax 1,060
    expect(res.body).toMatchObject({ period: last, billableCalls: 3000, invoice: { subtotalCents: 10_600, taxCents: 1060, totalCents: 11_660 } });
  });
});

describe("invoice runs", () => {
  it("issues exact invoices once, with gapless numbers, and publishes billing.invoice_generated", async () => {
    const p1 = await partnerWithUsage(3000);
    const p2 = await partnerWithUsage(500);
    const p3 = await partnerWithUsage(0, { model: "revenue_share", revenueShareBps: 2000, effectiveFrom: "2026-01-01" });
    const run = await runPeriod("2026-10");
    expect(run!.status).toBe("succeeded");
    const list = await invoicesOf("2026-10");
    const mine = list.filter((i) => [p1.partner.id, p2.partner.id, p3.partner.id].includes(i.partnerId));
    expect(mine).toHaveLength(2);
    const one = mine.find((i) => i.partnerId === p1.partner.id)!;
    expect(one).toMatchObject({ subtotalCents: 10_600, taxCents: 1060, totalCents: 11_660, status: "open" });
    expect(one.number).toMatch(/^PRT-202610-\d{6}$/);
    expect(one.dueAt!.getTime() - one.issuedAt!.getTime()).toBe(30 * 86_400_000);
    const two = mine.find((i) => i.partnerId === p2.partner.id)!;
    expect(two.totalCents).toBe(11_000); // fee only, 500 calls are within the 1,000 included
    const lines = await db().select().from(invoiceLineItems).where(eq(invoiceLineItems.invoiceId, one.id)).orderBy(asc(invoiceLineItems.position));
    expect(lines.map((l) => [l.kind, l.amountCents])).toEqual([["flat_fee", 10_000], ["usage", 500], ["usage", 100]]);
    const seqs = list.map((i) => seqOf(i.number)).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0] + 1).toBe(seqs.length);
    const published = await db().select().from(events).where(and(eq(events.type, "billing.invoice_generated"), eq(events.partnerId, p1.partner.id)));
    expect(published).toHaveLength(1);
    expect(published[0].data).toMatchObject({ invoiceId: one.id, partnerId: p1.partner.id, period: "2026-10", totalCents: 11_660, currency: "USD" });

    // Totals per status: the partner's own, and the platform's for an admin.
    const own = await callRoute(totalsRoute.GET, { path: "/api/v1/billing/invoices/totals?period=2026-10", cookie: await sessionCookie(p1.user.id) });
    expect(own.body.totals.find((t: { status: string }) => t.status === "open")).toEqual({ status: "open", count: 1, totalCents: 11_660 });
    const admin = await createUser(db(), { admin: true });
    const all = await callRoute(totalsRoute.GET, { path: "/api/v1/billing/invoices/totals?period=2026-10", cookie: await sessionCookie(admin.id) });
    expect(all.body.totals.find((t: { status: string }) => t.status === "open")).toEqual({ status: "open", count: list.length, totalCents: list.reduce((s, i) => s + i.totalCents, 0) });
    const peek = await callRoute(totalsRoute.GET, { path: `/api/v1/billing/invoices/totals?partnerId=${p2.partner.id}`, cookie: await sessionCookie(p1.user.id) });
    expect(peek.status).toBe(404); // another partner's id

    const again = await runPeriod("2026-10");
    expect(again).toMatchObject({ status: "succeeded", createdCount: 0 });
    expect(run!.createdCount).toBe(list.length);
    expect(await invoicesOf("2026-10")).toHaveLength(list.length);
  });

  it("two runners at once issue each invoice once with no gap", async () => {
    const ps = await Promise.all(Array.from({ length: 7 }, () => partnerWithUsage(2500)));
    const [a, b] = await Promise.all([createRun(db(), { kind: "invoices", period: "2026-08" }), createRun(db(), { kind: "invoices", period: "2026-08" })]);
    const [ra, rb] = await Promise.all([runToCompletion(db(), a.id, { batchSize: 2 }), runToCompletion(db(), b.id, { batchSize: 3 })]);
    expect(ra!.status).toBe("succeeded");
    expect(rb!.status).toBe("succeeded");
    const list = await invoicesOf("2026-08");
    const ids = new Set(ps.map((p) => p.partner.id));
    expect(list.filter((i) => ids.has(i.partnerId))).toHaveLength(7);
    expect(new Set(list.map((i) => i.partnerId)).size).toBe(list.length);
    expect(ra!.createdCount + rb!.createdCount).toBe(list.length);
    const all = (await db().select({ number: invoices.number }).from(invoices)).map((i) => seqOf(i.number)).sort((x, y) => x - y);
    expect(all.at(-1)! - all[0] + 1).toBe(all.length);
  });

  it("a run whose runner died resumes from the last partner it finished, creating nothing twice", async () => {
    await Promise.all(Array.from({ length: 5 }, () => partnerWithUsage(1500)));
    const run = await createRun(db(), { kind: "invoices", period: "2026-07" });
    const claimed = await claimRun(db(), run.id);
    await runBatch(db(), run.id, { attempt: claimed!.attempts }, { batchSize: 2 });
    // The runner is gone: its lease lapses.
    await db().update(billingRuns).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(billingRuns.id, run.id));
    const before = (await invoicesOf("2026-07")).length;
    expect(before).toBeGreaterThan(0);
    const { resumed } = await resumeStaleRuns(db());
    expect(resumed).toBeGreaterThanOrEqual(1);
    const [row] = await db().select().from(billingRuns).where(eq(billingRuns.id, run.id));
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
    const list = await invoicesOf("2026-07");
    expect(row.createdCount).toBe(list.length);
    expect(new Set(list.map((i) => i.partnerId)).size).toBe(list.length);
    const all = (await db().select({ number: invoices.number }).from(invoices)).map((i) => seqOf(i.number)).sort((x, y) => x - y);
    expect(all.at(-1)! - all[0] + 1).toBe(all.length);
  });

  it("a holder whose lease was taken over stops at its next batch and creates nothing", async () => {
    await Promise.all(Array.from({ length: 3 }, () => partnerWithUsage(1200)));
    const run = await createRun(db(), { kind: "invoices", period: "2026-04" });
    const first = await claimRun(db(), run.id);
    await db().update(billingRuns).set({ leaseUntil: new Date(Date.now() - 1) }).where(eq(billingRuns.id, run.id));
    const second = await claimRun(db(), run.id);
    expect(second!.attempts).toBe(first!.attempts + 1);
    expect(await runBatch(db(), run.id, { attempt: first!.attempts }, { batchSize: 10 })).toEqual({ done: true, lost: true });
    expect(await invoicesOf("2026-04")).toHaveLength(0);
    // A third claim while the second holds a live lease is refused.
    expect(await claimRun(db(), run.id)).toBeNull();
    const [row] = await db().select().from(billingRuns).where(eq(billingRuns.id, run.id));
    expect(row.processedPartners).toBe(0);
  });

  it("a voided invoice keeps its number and the period can be issued again", async () => {
    const p = await partnerWithUsage(3000);
    await runPeriod("2026-06", p.partner.id);
    const [first] = await db().select().from(invoices).where(and(eq(invoices.partnerId, p.partner.id), eq(invoices.period, "2026-06")));
    await db().update(invoices).set({ status: "void", voidedAt: new Date(), voidReason: "wrong usage" }).where(eq(invoices.id, first.id));
    const rerun = await runPeriod("2026-06", p.partner.id);
    expect(rerun!.createdCount).toBe(1);
    const both = await db().select().from(invoices).where(and(eq(invoices.partnerId, p.partner.id), eq(invoices.period, "2026-06")));
    expect(both).toHaveLength(2);
    const fresh = both.find((i) => i.id !== first.id)!;
    expect(fresh.status).toBe("open");
    expect(seqOf(fresh.number)).toBeGreaterThan(seqOf(first.number));
    expect(both.find((i) => i.id === first.id)!.number).toBe(first.number);
  });

  it("POST /billing/invoices/run answers 202 with a run that completes; admins only", async () => {
    const p = await partnerWithUsage(3000);
    const admin = await createUser(db(), { admin: true });
    const cookie = await sessionCookie(admin.id);
    const res = await callRoute(runRoute.POST, { path: "/api/v1/billing/invoices/run", cookie, body: { period: "2026-05", partnerId: p.partner.id } });
    expect(res.status).toBe(202);
    expect(res.body.runId).toBe(res.body.run.id);
    let run;
    for (let i = 0; i < 100; i++) {
      run = await callRoute(runItemRoute.GET, { path: `/api/v1/billing/runs/${res.body.runId}`, params: { id: res.body.runId }, cookie });
      if (run.body.status === "succeeded" || run.body.status === "failed") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run!.body).toMatchObject({ status: "succeeded", createdCount: 1, totalPartners: 1, processedPartners: 1, amountCents: 11_000 }); // no calls in May: the fee and its tax
    for (const period of ["2026-13", `${new Date().getUTCFullYear() + 1}-01`, "1999-12", "0099-01"]) {
      const bad = await callRoute(runRoute.POST, { path: "/api/v1/billing/invoices/run", cookie, body: { period } });
      expect(bad.status, period).toBe(422);
      expect(bad.body.errors[0].path).toBe("period");
    }
    const partnerTry = await callRoute(runRoute.POST, { path: "/api/v1/billing/invoices/run", cookie: await sessionCookie(p.user.id), body: { period: "2026-05" } });
    expect(partnerTry.status).toBe(403);
  });

  it("the upcoming invoice prices this period's calls so far, with a projection", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    await setPlan(db(), partner.id, hybrid);
    const today = new Date().toISOString().slice(0, 10);
    await addUsage(db(), partner.id, today, 1500);
    const res = await callRoute(upcomingRoute.GET, { path: "/api/v1/billing/invoices/upcoming", cookie: await sessionCookie(user.id) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ partnerId: partner.id, period: today.slice(0, 7), billableCalls: 1500, includedCalls: 1000, includedCallsLeft: 0 });
    expect(res.body.lines.map((l: { kind: string; amountCents: number }) => [l.kind, l.amountCents])).toEqual([["flat_fee", 10_000], ["usage", 250]]);
    expect(res.body.projected.billableCalls).toBeGreaterThanOrEqual(1500);
    const none = await createPartnerWithMember(db());
    const res2 = await callRoute(upcomingRoute.GET, { path: "/api/v1/billing/invoices/upcoming", cookie: await sessionCookie(none.user.id) });
    expect(res2.status).toBe(404);
  });
});
