import { describe, expect, it } from "vitest";
import type { BillingPlan } from "../invoice-calculation";
import { calculatePayout, installDaysIn, payoutLine, type ListingInstalls } from "./payout-calculation";

// Golden payouts, to the cent (CONTRACT "Billing": payout formula and threshold).

const at = (iso: string) => new Date(iso);

function plan(revenueShareBps: number, effectiveFrom: string, currency = "USD"): BillingPlan {
  return {
    id: `plan-${effectiveFrom}`,
    model: "revenue_share",
    currency,
    revenueShareBps,
    flatFeeCents: null,
    flatFeeInterval: "month",
    includedCalls: 0,
    tiers: null,
    tierMode: "graduated",
    minimumCents: 0,
    taxRateBps: 0,
    effectiveFrom: at(effectiveFrom),
  };
}

const listing = (over: Partial<ListingInstalls> & { installDays: number; monthlyPriceCents: number }): ListingInstalls => ({
  listingId: "00000000-0000-4000-8000-000000000001",
  listingName: "Claims Sync",
  installs: 1,
  ...over,
});

describe("installDaysIn: the install day counts, the uninstall day does not", () => {
  it.each([
    ["installed on the 10th, still installed (30-day April)", "2025-04-10T15:00:00Z", null, 21],
    ["installed on the 10th, uninstalled on the 20th", "2025-04-10T15:00:00Z", "2025-04-20T01:00:00Z", 10],
    ["installed at 23:59 on the 10th, uninstalled at 00:00 on the 11th: one day", "2025-04-10T23:59:59Z", "2025-04-11T00:00:00Z", 1],
    ["installed and uninstalled the same day: none", "2025-04-10T08:00:00Z", "2025-04-10T18:00:00Z", 0],
    ["installed before the period, uninstalled on the 5th", "2025-03-15T12:00:00Z", "2025-04-05T23:59:00Z", 4],
    ["installed before the period, still installed: the whole month", "2024-12-01T00:00:00Z", null, 30],
    ["installed before, uninstalled after the period: the whole month", "2025-03-31T23:00:00Z", "2025-05-02T00:00:00Z", 30],
    ["uninstalled on the 1st: none", "2025-03-01T00:00:00Z", "2025-04-01T09:00:00Z", 0],
    ["uninstalled before the period: none", "2025-02-01T00:00:00Z", "2025-03-20T00:00:00Z", 0],
    ["installed after the period: none", "2025-05-01T00:00:00Z", null, 0],
    ["installed on the last day, at its last millisecond: one day", "2025-04-30T23:59:59.999Z", null, 1],
    ["installed on the 1st at 00:00, uninstalled on the next month's 1st: the whole month", "2025-04-01T00:00:00Z", "2025-05-01T00:00:00Z", 30],
    ["UTC days, not local ones: 23:30 at -02:00 on the 9th is the 10th", "2025-04-09T23:30:00-02:00", null, 21],
    ["pending (never connected): none", null, null, 0],
  ])("%s → %i", (_label, connected, uninstalled, days) => {
    expect(installDaysIn("2025-04", connected ? at(connected) : null, uninstalled ? at(uninstalled) : null)).toBe(days);
  });

  it.each([
    ["2025-02", 28],
    ["2024-02", 29],
    ["2025-04", 30],
    ["2025-01", 31],
  ])("a whole %s is %i days", (period, days) => {
    expect(installDaysIn(period, at("2020-01-01T00:00:00Z"), null)).toBe(days);
  });
});

describe("payout lines: price × install-days ÷ days in the period, rounded once per listing", () => {
  it.each([
    // 2800 × 10 / 28, 2900 × 10 / 29, 3000 × 10 / 30, 3100 × 10 / 31: ten days of each month length
    ["February (28 days)", 2800, 10, 28, 1000],
    ["February in a leap year (29 days)", 2900, 10, 29, 1000],
    ["a 30-day month", 3000, 10, 30, 1000],
    ["a 31-day month", 3100, 10, 31, 1000],
    // 999 × 15 / 30 = 499.5 → 500 (half away from zero)
    ["half a cent up", 999, 15, 30, 500],
    // 1000 × 10 / 31 = 322.58 → 323
    ["a third of a month of 31 days", 1000, 10, 31, 323],
    // 4900 × 1 / 29 = 168.97 → 169
    ["one day of a leap February", 4900, 1, 29, 169],
    // 4900 × 1 / 28 = 175
    ["one day of a common February", 4900, 1, 28, 175],
    // 1999 × 31 / 31
    ["a whole month", 1999, 31, 31, 1999],
  ])("%s: %i¢ × %i days ÷ %i = %i¢", (_label, price, days, daysInPeriod, cents) => {
    expect(payoutLine(listing({ monthlyPriceCents: price, installDays: days }), daysInPeriod).grossCents).toBe(cents);
  });

  it("sums a listing's installs before rounding: 7 + 8 days of 999¢ in 30 days is 500¢, not 233 + 266", () => {
    const r = calculatePayout({
      period: "2025-04",
      listings: [listing({ monthlyPriceCents: 999, installs: 2, installDays: 15 })],
      plans: [],
      carriedInCents: 0,
      minimumCents: 0,
    });
    expect(r.lines).toEqual([
      { listingId: "00000000-0000-4000-8000-000000000001", listingName: "Claims Sync", monthlyPriceCents: 999, installs: 2, installDays: 15, daysInPeriod: 30, grossCents: 500 },
    ]);
    expect(r.grossCents).toBe(500);
  });

  it("rounds each listing's line, and the gross is the sum of the rounded lines", () => {
    // A: 1000 × 10 / 31 = 322.58 → 323; B: 1001 × 15 / 31 = 484.35 → 484; sum of rounded 807 (exact sum 806.94)
    const r = calculatePayout({
      period: "2025-01",
      listings: [
        listing({ listingId: "00000000-0000-4000-8000-00000000000b", listingName: "B app", monthlyPriceCents: 1001, installDays: 15 }),
        listing({ listingId: "00000000-0000-4000-8000-00000000000a", listingName: "A app", monthlyPriceCents: 1000, installDays: 10 }),
      ],
      plans: [],
      carriedInCents: 0,
      minimumCents: 0,
    });
    expect(r.lines.map((l) => [l.listingName, l.grossCents])).toEqual([
      ["A app", 323],
      ["B app", 484],
    ]);
    expect(r.grossCents).toBe(807);
  });
});

describe("platform share and net", () => {
  it("takes revenueShareBps of the gross, rounded half away from zero", () => {
    const share = (gross: number, bps: number) =>
      calculatePayout({ period: "2025-04", listings: [listing({ monthlyPriceCents: gross, installDays: 30 })], plans: [plan(bps, "2025-01-01T00:00:00Z")], carriedInCents: 0, minimumCents: 0 });
    // 2823 × 15.5% = 437.565 → 438
    expect(share(2823, 1550)).toMatchObject({ grossCents: 2823, revenueShareBps: 1550, platformShareCents: 438, netCents: 2385 });
    // 10 × 25% = 2.5 → 3
    expect(share(10, 2500)).toMatchObject({ platformShareCents: 3, netCents: 7 });
    // 1001 × 5% = 50.05 → 50
    expect(share(1001, 500)).toMatchObject({ platformShareCents: 50, netCents: 951 });
    // 2000 × 20% = 400 exactly
    expect(share(2000, 2000)).toMatchObject({ platformShareCents: 400, netCents: 1600 });
  });

  it("uses the plan in force on the period's last day", () => {
    const base = { period: "2025-04", listings: [listing({ monthlyPriceCents: 10_000, installDays: 30 })], carriedInCents: 0, minimumCents: 0 };
    // Changed on the 15th: the new plan's 30% applies to the whole period.
    expect(calculatePayout({ ...base, plans: [plan(1000, "2025-01-01T00:00:00Z"), plan(3000, "2025-04-15T00:00:00Z")] }).platformShareCents).toBe(3000);
    // A plan taking effect on the 30th at 12:00 is in force on the last day.
    expect(calculatePayout({ ...base, plans: [plan(1000, "2025-01-01T00:00:00Z"), plan(3000, "2025-04-30T12:00:00Z")] }).platformShareCents).toBe(3000);
    // One taking effect on May 1st is not.
    expect(calculatePayout({ ...base, plans: [plan(1000, "2025-01-01T00:00:00Z"), plan(3000, "2025-05-01T00:00:00Z")] }).platformShareCents).toBe(1000);
    // No plan at all (or none yet): no share.
    expect(calculatePayout({ ...base, plans: [] })).toMatchObject({ revenueShareBps: 0, platformShareCents: 0, netCents: 10_000 });
    expect(calculatePayout({ ...base, plans: [plan(1000, "2025-05-01T00:00:00Z")] }).platformShareCents).toBe(0);
  });

  it("takes the currency of that plan (USD without one)", () => {
    const base = { period: "2025-04", listings: [listing({ monthlyPriceCents: 100, installDays: 30 })], carriedInCents: 0, minimumCents: 0 };
    expect(calculatePayout({ ...base, plans: [plan(0, "2025-01-01T00:00:00Z", "EUR")] }).currency).toBe("EUR");
    expect(calculatePayout({ ...base, plans: [] }).currency).toBe("USD");
  });
});

describe("the payout minimum", () => {
  const run = (gross: number, carriedInCents: number, bps = 0) =>
    calculatePayout({
      period: "2025-04",
      listings: gross ? [listing({ monthlyPriceCents: gross, installDays: 30 })] : [],
      plans: [plan(bps, "2025-01-01T00:00:00Z")],
      carriedInCents,
      minimumCents: 2500,
    });

  it("carries a net below the minimum forward and pays none", () => {
    expect(run(2499, 0)).toMatchObject({ netCents: 2499, payoutCents: 0, carriedOutCents: 2499 });
  });

  it("pays a net exactly at the minimum", () => {
    expect(run(2500, 0)).toMatchObject({ netCents: 2500, payoutCents: 2500, carriedOutCents: 0 });
  });

  it("adds the balance carried in after the share (the share is on this period's gross only)", () => {
    // 2000 − 20% = 1600, + 900 carried = 2500 → paid
    expect(run(2000, 900, 2000)).toMatchObject({ grossCents: 2000, platformShareCents: 400, carriedInCents: 900, netCents: 2500, payoutCents: 2500, carriedOutCents: 0 });
    // + 899 = 2499 → carried again
    expect(run(2000, 899, 2000)).toMatchObject({ netCents: 2499, payoutCents: 0, carriedOutCents: 2499 });
  });

  it("pays a balance alone (a failed payout returned) once it reaches the minimum", () => {
    expect(run(0, 4321)).toMatchObject({ grossCents: 0, lines: [], netCents: 4321, payoutCents: 4321, carriedOutCents: 0 });
  });

  it("never pays nothing, even with a minimum of 0", () => {
    const r = calculatePayout({ period: "2025-04", listings: [], plans: [], carriedInCents: 0, minimumCents: 0 });
    expect(r).toMatchObject({ netCents: 0, payoutCents: 0, carriedOutCents: 0 });
  });
});
