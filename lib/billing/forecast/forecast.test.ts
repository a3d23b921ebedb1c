import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { accounts, integrations, invoices, partners, payouts, pricingPlans, usageCounters } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { createAccountWithMember, createPartner } from "@/lib/testing/fixtures";
import { insertListing } from "@/lib/testing/marketplace-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { getForecast } from "./get-forecast";

// Exact cents, with the clock fixed at 2031-06-15 12:00 UTC: the months ahead are
// 2031-06..08, the trend's closed months 2031-03..05, the history 2030-12..2031-05.

const db = useTestDb();
const NOW = new Date("2031-06-15T12:00:00Z");

const admin: Principal = { type: "session", userId: null, partnerId: null, partnerRole: null, accountId: null, isPlatformAdmin: true, scopes: ["admin"], credentialId: null };
const partnerPrincipal = (partnerId: string): Principal => ({
  type: "session",
  userId: null,
  partnerId,
  partnerRole: "owner",
  accountId: null,
  isPlatformAdmin: false,
  scopes: ["read:billing"],
  credentialId: null,
});

type PlanValues = Partial<typeof pricingPlans.$inferInsert> & Pick<typeof pricingPlans.$inferInsert, "model">;
async function plan(d: Db, partnerId: string, values: PlanValues) {
  await d.insert(pricingPlans).values({ partnerId, effectiveFrom: new Date("2030-01-01T00:00:00Z"), ...values });
}
/** `calls` 2xx calls on the 10th of each month given, plus 4xx noise that must not count. */
async function usage(d: Db, partnerId: string, byMonth: Record<string, number>) {
  const rows = Object.entries(byMonth).flatMap(([month, calls]) => [
    { partnerId, day: `${month}-10`, routeGroup: "leads", statusClass: "2xx", count: calls },
    { partnerId, day: `${month}-11`, routeGroup: "leads", statusClass: "4xx", count: 777_777 },
  ]);
  await d.insert(usageCounters).values(rows);
}

let seq = 0;
const invoiceRow = (partnerId: string, period: string, status: "open" | "paid" | "void" | "overdue", totalCents: number) => ({
  partnerId,
  period,
  status,
  number: `TEST-${period}-${++seq}`,
  subtotalCents: totalCents,
  taxCents: 0,
  totalCents,
  issuedAt: new Date(`${period}-28T00:00:00Z`),
});

describe("getForecast: exact figures", () => {
  it("a hybrid partner with a flat fee and rising usage: a least-squares trend priced by calculateInvoice", async () => {
    const p = await createPartner(db());
    // 10% tax; 10,000 calls included; then 100,000 at $1.00 per 1,000 and the rest at $0.50.
    await plan(db(), p.id, {
      model: "hybrid",
      flatFeeCents: 10_000,
      includedCalls: 10_000,
      tiers: [
        { upTo: 100_000, unitAmountCentsPer1000: 100 },
        { upTo: null, unitAmountCentsPer1000: 50 },
      ],
      taxRateBps: 1000,
    });
    // 100k, 130k, 190k: the line's slope is 45k a month, its value in 2031-05 is 185k, so
    // 2031-06 = 230k, 07 = 275k, 08 = 320k. This month's own calls so far don't move it.
    await usage(db(), p.id, { "2031-03": 100_000, "2031-04": 130_000, "2031-05": 190_000, "2031-06": 1_000 });
    await db().insert(invoices).values([
      invoiceRow(p.id, "2031-04", "paid", 25_000),
      invoiceRow(p.id, "2031-05", "open", 27_000),
      invoiceRow(p.id, "2031-05", "void", 99_999),
      invoiceRow(p.id, "2030-11", "paid", 55_555), // older than the 6 closed months shown
    ]);

    const f = await getForecast(db(), partnerPrincipal(p.id), { months: 3 }, NOW);
    // 06: 10,000 fee + 100,000 × 0.1 + 120,000 × 0.05 = 26,000, + 2,600 tax.
    // 07: 10,000 + 10,000 + 165,000 × 0.05 = 28,250, + 2,825 tax.
    // 08: 10,000 + 10,000 + 210,000 × 0.05 = 30,500, + 3,050 tax.
    expect(f.months).toEqual([
      { period: "2031-06", invoicedCents: 28_600, payoutsCents: 0 },
      { period: "2031-07", invoicedCents: 31_075, payoutsCents: 0 },
      { period: "2031-08", invoicedCents: 33_550, payoutsCents: 0 },
    ]);
    expect(f.mrrCents).toBe(28_600);
    expect(f.arrCents).toBe(343_200);
    expect(f.history).toEqual([
      { period: "2030-12", invoicedCents: 0, collectedCents: 0, payoutsCents: 0 },
      { period: "2031-01", invoicedCents: 0, collectedCents: 0, payoutsCents: 0 },
      { period: "2031-02", invoicedCents: 0, collectedCents: 0, payoutsCents: 0 },
      { period: "2031-03", invoicedCents: 0, collectedCents: 0, payoutsCents: 0 },
      { period: "2031-04", invoicedCents: 25_000, collectedCents: 25_000, payoutsCents: 0 },
      { period: "2031-05", invoicedCents: 27_000, collectedCents: 0, payoutsCents: 0 },
    ]);
    expect(f.method).toMatch(/least-squares/);
    expect(f.method).toMatch(/2031-03 to 2031-05/);
    expect(f.method).toMatch(/a trend through its closed months/);
    expect(f.method).toMatch(/230,000 billable calls projected for 2031-06/);

    // One month ahead only; a falling trend is clamped at zero calls (the fee remains).
    const q = await createPartner(db());
    await plan(db(), q.id, { model: "hybrid", flatFeeCents: 5_000, tiers: [{ upTo: null, unitAmountCentsPer1000: 1000 }] });
    await usage(db(), q.id, { "2031-03": 9_000, "2031-04": 4_000, "2031-05": 1_000 });
    const down = await getForecast(db(), partnerPrincipal(q.id), { months: 5 }, NOW);
    // Slope −4,000: 06 → −3,333 → 0 calls; the fee alone.
    expect(down.months.map((m) => m.invoicedCents)).toEqual([5_000, 5_000, 5_000, 5_000, 5_000]);
    expect(down.months.map((m) => m.period)).toEqual(["2031-06", "2031-07", "2031-08", "2031-09", "2031-10"]);
  });

  it("an annual plan: the whole fee in the month it falls due, a twelfth of it in MRR", async () => {
    const p = await createPartner(db());
    // From 2030-07-01: charged in 2030-07 and 2031-07.
    await plan(db(), p.id, { model: "flat_fee", flatFeeCents: 120_000, flatFeeInterval: "year", effectiveFrom: new Date("2030-07-01T00:00:00Z") });
    const f = await getForecast(db(), partnerPrincipal(p.id), { months: 3 }, NOW);
    expect(f.months.map((m) => m.invoicedCents)).toEqual([0, 120_000, 0]);
    expect(f.mrrCents).toBe(10_000);
    expect(f.arrCents).toBe(120_000);

    // With 20% tax and a $150 monthly minimum the recurring month is 12,000 → topped up to 15,000, + 3,000 tax.
    const q = await createPartner(db());
    await plan(db(), q.id, { model: "flat_fee", flatFeeCents: 144_000, flatFeeInterval: "year", minimumCents: 15_000, taxRateBps: 2000, effectiveFrom: new Date("2031-06-01T00:00:00Z") });
    const g = await getForecast(db(), partnerPrincipal(q.id), { months: 2 }, NOW);
    // 06: the annual fee (144,000) + 20% = 172,800; 07: the minimum (15,000) + 20% = 18,000.
    expect(g.months.map((m) => m.invoicedCents)).toEqual([172_800, 18_000]);
    expect(g.mrrCents).toBe(18_000);
  });

  it("fewer than two closed months: the latest one repeated, or this month's pace", async () => {
    const latest = await createPartner(db());
    await plan(db(), latest.id, { model: "usage_based", tierMode: "volume", tiers: [{ upTo: null, unitAmountCentsPer1000: 200 }] });
    // No counter before 2031-05: one closed month, repeated (40,000 × $2.00 per 1,000).
    await usage(db(), latest.id, { "2031-05": 40_000, "2031-06": 5 });
    const a = await getForecast(db(), partnerPrincipal(latest.id), { months: 3 }, NOW);
    expect(a.months.map((m) => m.invoicedCents)).toEqual([8_000, 8_000, 8_000]);
    expect(a.method).toMatch(/its only closed month/);

    // A gap is a zero, not a missing month: 2031-03 counted, 2031-04 none, 2031-05 60,000 → slope 30,000.
    const gap = await createPartner(db());
    await plan(db(), gap.id, { model: "usage_based", tierMode: "volume", tiers: [{ upTo: null, unitAmountCentsPer1000: 100 }] });
    await usage(db(), gap.id, { "2031-03": 0, "2031-05": 60_000 });
    const g = await getForecast(db(), partnerPrincipal(gap.id), { months: 2 }, NOW);
    // ȳ = 20,000 at x = 1; 06 (x = 3) = 80,000 → 8,000; 07 = 110,000 → 11,000.
    expect(g.months.map((m) => m.invoicedCents)).toEqual([8_000, 11_000]);

    const pace = await createPartner(db());
    await plan(db(), pace.id, { model: "usage_based", tierMode: "volume", tiers: [{ upTo: null, unitAmountCentsPer1000: 100 }] });
    // 29,000 calls in the 14.5 days since 2031-06-01 00:00: 60,000 over the 30 days.
    await usage(db(), pace.id, { "2031-06": 29_000 });
    const b = await getForecast(db(), partnerPrincipal(pace.id), { months: 2 }, NOW);
    expect(b.months.map((m) => m.invoicedCents)).toEqual([6_000, 6_000]);
    expect(b.method).toMatch(/this month's pace/);
  });

  it("a partner with paid installs: payouts net of the revenue share, the share in MRR", async () => {
    const p = await createPartner(db());
    await plan(db(), p.id, { model: "revenue_share", revenueShareBps: 2000 });
    const paid = await insertListing(db(), { name: "Paid Sync", partnerId: p.id, pricing: { model: "paid", monthlyPriceCents: 4_999 } });
    const free = await insertListing(db(), { name: "Free Sync", partnerId: p.id, pricing: { model: "free" } });
    const install = async (app: { id: string }, listing: { id: string }, connectedAt: Date | null, uninstalledAt: Date | null = null) => {
      const { account } = await createAccountWithMember(db());
      await db()
        .insert(integrations)
        .values({ accountId: account.id, applicationId: app.id, listingId: listing.id, partnerId: p.id, status: uninstalledAt ? "disconnected" : connectedAt ? "active" : "pending", connectedAt, uninstalledAt });
    };
    const jan = new Date("2031-01-10T09:00:00Z");
    for (let i = 0; i < 3; i++) await install(paid.app, paid.listing, jan);
    await install(paid.app, paid.listing, jan, new Date("2031-05-01T00:00:00Z")); // uninstalled
    await install(paid.app, paid.listing, null); // never connected
    await install(paid.app, paid.listing, new Date("2031-06-20T00:00:00Z")); // after now
    await install(free.app, free.listing, jan); // free
    await db().insert(payouts).values([
      { partnerId: p.id, period: "2031-05", status: "paid", amountCents: 11_000 },
      { partnerId: p.id, period: "2031-04", status: "failed", amountCents: 5_000 },
      { partnerId: p.id, period: "2031-03", status: "pending", amountCents: 3_000 },
    ]);

    const f = await getForecast(db(), partnerPrincipal(p.id), { months: 3 }, NOW);
    // 3 × 4,999 = 14,997; the platform's 20% = 2,999.4 → 2,999; the partner's 11,998.
    expect(f.months).toEqual([
      { period: "2031-06", invoicedCents: 0, payoutsCents: 11_998 },
      { period: "2031-07", invoicedCents: 0, payoutsCents: 11_998 },
      { period: "2031-08", invoicedCents: 0, payoutsCents: 11_998 },
    ]);
    expect(f.mrrCents).toBe(2_999);
    expect(f.history.find((h) => h.period === "2031-05")?.payoutsCents).toBe(11_000);
    expect(f.history.find((h) => h.period === "2031-04")?.payoutsCents).toBe(0);
    expect(f.history.find((h) => h.period === "2031-03")?.payoutsCents).toBe(3_000);

    // A share change taking effect in July: June pays 20%, July and August 25% (14,997 − 3,749).
    await plan(db(), p.id, { model: "revenue_share", revenueShareBps: 2500, effectiveFrom: new Date("2031-07-01T00:00:00Z") });
    const g = await getForecast(db(), partnerPrincipal(p.id), { months: 3 }, NOW);
    expect(g.months.map((m) => m.payoutsCents)).toEqual([11_998, 11_248, 11_248]);
    expect(g.mrrCents).toBe(2_999);
  });

  it("the platform's figures are the sum of its partners'", async () => {
    const platform = await getForecast(db(), admin, { months: 3 }, NOW);
    const all = await db().select({ id: partners.id }).from(partners);
    const each = await Promise.all(all.map((p) => getForecast(db(), admin, { months: 3, partnerId: p.id }, NOW)));
    const sum = (f: (x: (typeof each)[number]) => number) => each.reduce((s, x) => s + f(x), 0);
    expect(platform.mrrCents).toBe(sum((x) => x.mrrCents));
    expect(platform.arrCents).toBe(12 * platform.mrrCents);
    for (const i of [0, 1, 2]) {
      expect(platform.months[i].invoicedCents).toBe(sum((x) => x.months[i].invoicedCents));
      expect(platform.months[i].payoutsCents).toBe(sum((x) => x.months[i].payoutsCents));
    }
    for (const i of [0, 1, 2, 3, 4, 5]) {
      expect(platform.history[i].invoicedCents).toBe(sum((x) => x.history[i].invoicedCents));
      expect(platform.history[i].collectedCents).toBe(sum((x) => x.history[i].collectedCents));
      expect(platform.history[i].payoutsCents).toBe(sum((x) => x.history[i].payoutsCents));
    }
    // Not trivially zero: the partners above are in it.
    expect(platform.months[1].invoicedCents).toBeGreaterThanOrEqual(31_075 + 120_000);
    expect(platform.mrrCents).toBeGreaterThanOrEqual(28_600 + 10_000 + 2_999);
    expect(platform.method).toMatch(/sum of its partners/);
  });

  it("tenancy: a partner's forecast is its own (another partner's is a 404); an admin's unknown partner is a 404", async () => {
    const mine = await createPartner(db());
    const other = await createPartner(db());
    await expect(getForecast(db(), partnerPrincipal(mine.id), { months: 3, partnerId: other.id }, NOW)).rejects.toMatchObject({ status: 404, code: "NOT_FOUND" });
    await expect(getForecast(db(), partnerPrincipal(mine.id), { months: 3, partnerId: mine.id }, NOW)).resolves.toMatchObject({ mrrCents: 0 });
    await expect(getForecast(db(), admin, { months: 3, partnerId: "00000000-0000-4000-8000-000000000000" }, NOW)).rejects.toMatchObject({ status: 404 });
    const customer: Principal = { ...partnerPrincipal(mine.id), partnerId: null, accountId: (await db().insert(accounts).values({ name: "A", slug: `a-${Date.now()}` }).returning())[0].id };
    await expect(getForecast(db(), customer, { months: 3 }, NOW)).rejects.toMatchObject({ status: 403 });
  });
});
