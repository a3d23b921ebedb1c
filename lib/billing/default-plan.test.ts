import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as defaultRoute from "@/app/api/v1/billing/pricing/default/route";
import * as partnersRoute from "@/app/api/v1/partners/route";
import { billingRuns, invoices, pricingPlans } from "@/db/schema";
import { ensureMonthEndRun } from "./month-end";
import { scheduledJobs } from "@/lib/jobs/schedules";
import { callRoute } from "@/lib/testing/call-route";
import { addUsage, setPlan } from "@/lib/testing/billing-fixtures";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

const db = useTestDb();

describe("the default plan for new partners", () => {
  it("is set by admins and copied to each partner created afterwards, effective from its creation", async () => {
    const admin = await createUser(db(), { admin: true });
    const cookie = await sessionCookie(admin.id);
    const none = await callRoute(defaultRoute.GET, { path: "/api/v1/billing/pricing/default", cookie });
    expect(none.status).toBe(404);
    const put = await callRoute(defaultRoute.PUT, {
      method: "PUT",
      path: "/api/v1/billing/pricing/default",
      cookie,
      body: { model: "hybrid", flatFeeCents: 2900, includedCalls: 10_000, tiers: [{ upTo: null, unitAmountCentsPer1000: 30 }], revenueShareBps: 1500 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ partnerId: null, model: "hybrid", revenueShareBps: 1500 });
    const created = await callRoute(partnersRoute.POST, { path: "/api/v1/partners", cookie, body: { name: "Fresh Partner Ltd", type: "technology" } });
    expect(created.status).toBe(201);
    const plans = await db().select().from(pricingPlans).where(eq(pricingPlans.partnerId, created.body.id));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({ model: "hybrid", flatFeeCents: 2900, includedCalls: 10_000, revenueShareBps: 1500 });
    // A partner's session cannot read or change the default.
    const { user } = await createPartnerWithMember(db());
    expect((await callRoute(defaultRoute.GET, { path: "/api/v1/billing/pricing/default", cookie: await sessionCookie(user.id) })).status).toBe(403);
  });
});

describe("the month-end scheduled job (embedded scheduler)", () => {
  it("invoices the month before its slot, once", async () => {
    const job = scheduledJobs.find((j) => j.id === "billing-monthly")!;
    expect(job.cron).toBe("0 0 1 * *");
    const { partner } = await createPartnerWithMember(db());
    await setPlan(db(), partner.id, { model: "flat_fee", flatFeeCents: 7700, effectiveFrom: "2026-01-01" });
    await addUsage(db(), partner.id, "2026-02-11", 1);
    const slot = new Date(Date.UTC(2026, 2, 1));
    const summary = await job.run(db(), slot, { signal: new AbortController().signal });
    expect(summary).toMatchObject({ period: "2026-02" });
    expect((summary as { invoices: number }).invoices).toBeGreaterThanOrEqual(1);
    await job.run(db(), slot, { signal: new AbortController().signal });
    const list = await db().select().from(invoices).where(eq(invoices.partnerId, partner.id));
    expect(list.map((i) => [i.period, i.totalCents])).toEqual([["2026-02", 7700]]);
  });

  it("a month end whose run failed is retried by the next try, from where it stopped", async () => {
    const job = scheduledJobs.find((j) => j.id === "billing-monthly")!;
    const { partner } = await createPartnerWithMember(db());
    await setPlan(db(), partner.id, { model: "flat_fee", flatFeeCents: 5100, effectiveFrom: "2026-01-01" });
    const runId = await ensureMonthEndRun(db(), "invoices", "2026-04");
    await db().update(billingRuns).set({ status: "failed", error: "database went away", attempts: 3 }).where(eq(billingRuns.id, runId));
    await job.run(db(), new Date(Date.UTC(2026, 4, 1)), { signal: new AbortController().signal });
    const [run] = await db().select().from(billingRuns).where(eq(billingRuns.id, runId));
    expect(run).toMatchObject({ status: "succeeded", error: null });
    const list = await db().select().from(invoices).where(eq(invoices.partnerId, partner.id));
    expect(list.map((i) => [i.period, i.totalCents])).toContainEqual(["2026-04", 5100]);
  });
});
