import { describe, expect, it } from "vitest";
import * as forecastRoute from "@/app/api/v1/billing/forecast/route";
import { pricingPlans, usageCounters } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createAccountWithMember, createApiKey, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { addMonths, periodOf } from "../period";

// GET /billing/forecast through its route handler: who sees what, and the figures end to end
// (against the real clock: usage is written in the three months before the current one).

const db = useTestDb();

const get = (creds: { cookie?: string; bearer?: string }, query = "") => callRoute(forecastRoute.GET, { path: `/api/v1/billing/forecast${query}`, ...creds });

/** A partner on a $50 + $1.00 per 1,000 calls hybrid plan whose billable calls went 10k, 20k, 30k. */
async function trendingPartner() {
  const { partner, user } = await createPartnerWithMember(db());
  await db()
    .insert(pricingPlans)
    .values({ partnerId: partner.id, model: "hybrid", flatFeeCents: 5_000, tiers: [{ upTo: null, unitAmountCentsPer1000: 100 }], effectiveFrom: new Date("2020-01-01T00:00:00Z") });
  const current = periodOf(new Date());
  await db()
    .insert(usageCounters)
    .values([3, 2, 1].map((back, i) => ({ partnerId: partner.id, day: `${addMonths(current, -back)}-05`, routeGroup: "leads", statusClass: "2xx", count: 10_000 * (i + 1) })));
  return { partner, cookie: await sessionCookie(user.id), current };
}

describe("GET /billing/forecast", () => {
  it("gives a partner its own forecast, months ahead from the current one", async () => {
    const { cookie, current } = await trendingPartner();
    const res = await get({ cookie });
    expect(res.status, res.text).toBe(200);
    // 40k, 50k, 60k calls: 5,000 + 4,000 / 5,000 / 6,000.
    expect(res.body.months).toEqual([
      { period: current, invoicedCents: 9_000, payoutsCents: 0 },
      { period: addMonths(current, 1), invoicedCents: 10_000, payoutsCents: 0 },
      { period: addMonths(current, 2), invoicedCents: 11_000, payoutsCents: 0 },
    ]);
    expect(res.body).toMatchObject({ mrrCents: 9_000, arrCents: 108_000 });
    expect(res.body.history.map((h: { period: string }) => h.period)).toEqual([6, 5, 4, 3, 2, 1].map((n) => addMonths(current, -n)));
    expect(typeof res.body.method).toBe("string");

    const one = await get({ cookie }, "?months=1");
    expect(one.body.months).toHaveLength(1);
    const many = await get({ cookie }, "?months=24");
    expect(many.body.months).toHaveLength(24);
  });

  it("lets an admin see the platform or any one partner", async () => {
    const { partner, cookie } = await trendingPartner();
    const admin = await sessionCookie((await createUser(db(), { admin: true })).id);
    const own = await get({ cookie });
    const asAdmin = await get({ cookie: admin }, `?partnerId=${partner.id}`);
    expect(asAdmin.status, asAdmin.text).toBe(200);
    expect(asAdmin.body.months).toEqual(own.body.months);
    expect(asAdmin.body.mrrCents).toBe(own.body.mrrCents);
    const platform = await get({ cookie: admin });
    expect(platform.status).toBe(200);
    expect(platform.body.mrrCents).toBeGreaterThanOrEqual(2 * 9_000);
    expect(platform.body.method).toMatch(/sum of its partners/);
    const unknown = await get({ cookie: admin }, "?partnerId=00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("NOT_FOUND");
  });

  it("refuses another partner's forecast, callers without read:billing and bad queries", async () => {
    const { partner } = await trendingPartner();
    const { partner: mine, user } = await createPartnerWithMember(db(), { role: "billing" });
    const cookie = await sessionCookie(user.id);

    // The 404 of a partner that does not exist: the filter does not tell which ids are real.
    const other = await get({ cookie }, `?partnerId=${partner.id}`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe("NOT_FOUND");
    expect(other.text).not.toContain(partner.name);
    expect(JSON.stringify(other.body)).not.toMatch(/invoicedCents/);
    expect((await get({ cookie }, `?partnerId=${mine.id}`)).status).toBe(200);

    const otherKey = await createApiKey(db(), mine.id, { scopes: ["read:billing"] });
    expect((await get({ bearer: otherKey.key }, `?partnerId=${partner.id}`)).status).toBe(404);
    expect((await get({ bearer: otherKey.key })).status).toBe(200);
    const noScope = await createApiKey(db(), mine.id, { scopes: ["read:partners"] });
    const denied = await get({ bearer: noScope.key });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("INSUFFICIENT_SCOPE");

    const customer = await createAccountWithMember(db());
    expect((await get({ cookie: await sessionCookie(customer.user.id) })).status).toBe(403);
    expect((await get({})).status).toBe(401);

    for (const q of ["?months=0", "?months=25", "?months=x", "?partnerId=nope"]) {
      const bad = await get({ cookie }, q);
      expect(bad.status, q).toBe(422);
    }
    const post = await callRoute(forecastRoute.POST, { path: "/api/v1/billing/forecast", cookie, body: {} });
    expect(post.status).toBe(405);
  });
});
