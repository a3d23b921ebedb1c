import { describe, expect, it } from "vitest";
import { calculateInvoice, type BillingPlan } from "./invoice-calculation";
import { divRound } from "./money";

// Golden tests, one rule each, exact cents (CONTRACT "Billing").

let n = 0;
function plan(p: Partial<BillingPlan> & Pick<BillingPlan, "model">, from = "2026-01-01"): BillingPlan {
  return {
    id: `plan-${++n}`,
    currency: "USD",
    revenueShareBps: 0,
    flatFeeCents: null,
    flatFeeInterval: "month",
    includedCalls: 0,
    tiers: null,
    tierMode: "graduated",
    minimumCents: 0,
    taxRateBps: 0,
    effectiveFrom: new Date(from.length === 10 ? `${from}T00:00:00Z` : from),
    ...p,
  };
}
const inv = (period: string, plans: BillingPlan[], billableCalls = 0) => calculateInvoice({ period, plans, billableCalls });
const amounts = (period: string, plans: BillingPlan[], calls = 0) => inv(period, plans, calls)?.lines.map((l) => [l.kind, l.amountCents]);

const threeTiers = [
  { upTo: 1000, unitAmountCentsPer1000: 500 },
  { upTo: 10_000, unitAmountCentsPer1000: 300 },
  { upTo: null, unitAmountCentsPer1000: 100 },
];

describe("rounding", () => {
  it("rounds half away from zero", () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(divRound(5n, 3n)).toBe(2n);
    expect(divRound(-4n, 3n)).toBe(-1n);
    expect(divRound(1n, -2n)).toBe(-1n);
  });
  it("rounds each line once: 1,001 calls at 50¢ per 1,000 is 50.05¢ → 50¢; 1,010 → 50.5¢ → 51¢", () => {
    const p = plan({ model: "usage_based", tiers: [{ upTo: null, unitAmountCentsPer1000: 50 }] });
    expect(amounts("2026-03", [p], 1001)).toEqual([["usage", 50]]);
    expect(amounts("2026-03", [p], 1010)).toEqual([["usage", 51]]);
  });
});

describe("each model", () => {
  it("revenue_share alone issues no invoice (no lines)", () => {
    expect(inv("2026-03", [plan({ model: "revenue_share", revenueShareBps: 2000 })], 5000)).toBeNull();
  });
  it("flat_fee charges the fee for a whole month", () => {
    const r = inv("2026-03", [plan({ model: "flat_fee", flatFeeCents: 49_900 })], 123_456)!;
    expect(r.lines).toHaveLength(1);
    expect(r).toMatchObject({ subtotalCents: 49_900, taxCents: 0, totalCents: 49_900 });
  });
  it("usage_based prices calls only", () => {
    expect(amounts("2026-03", [plan({ model: "usage_based", tiers: threeTiers })], 500)).toEqual([["usage", 250]]);
  });
  it("hybrid: fee plus usage beyond the included calls", () => {
    const p = plan({ model: "hybrid", flatFeeCents: 10_000, includedCalls: 1000, tiers: [{ upTo: null, unitAmountCentsPer1000: 200 }] });
    expect(amounts("2026-03", [p], 3500)).toEqual([["flat_fee", 10_000], ["usage", 500]]);
  });
  it("usage_based with no calls beyond the included has no invoice", () => {
    expect(inv("2026-03", [plan({ model: "usage_based", includedCalls: 100, tiers: threeTiers })], 100)).toBeNull();
  });
});

describe("graduated tiers", () => {
  const p = plan({ model: "usage_based", tiers: threeTiers });
  it("one tier", () => expect(amounts("2026-03", [p], 999)).toEqual([["usage", 500]])); // 4.995 → 5
  it("exactly on the first boundary stays in tier 1", () => expect(amounts("2026-03", [p], 1000)).toEqual([["usage", 500]]));
  it("one past the boundary reaches tier 2 with one call", () => expect(amounts("2026-03", [p], 1001)).toEqual([["usage", 500], ["usage", 0]]));
  it("three tiers", () => {
    // 1,000 × 5.00/1000 = 500; 9,000 × 3.00/1000 = 2,700; 5,000 × 1.00/1000 = 500
    expect(amounts("2026-03", [p], 15_000)).toEqual([["usage", 500], ["usage", 2700], ["usage", 500]]);
  });
  it("tiers count the calls beyond the included ones: 100 included, tier upTo 200 holds calls 101–300", () => {
    const q = plan({ model: "usage_based", includedCalls: 100, tiers: [{ upTo: 200, unitAmountCentsPer1000: 1000 }, { upTo: null, unitAmountCentsPer1000: 2000 }] });
    const r = inv("2026-03", [q], 301)!;
    expect(r.lines.map((l) => [l.quantity, l.amountCents])).toEqual([[200, 200], [1, 2]]);
    expect(r.lines[0].metadata).toMatchObject({ fromCall: 101, toCall: 300, tier: 1 });
  });
  it("a tier's flat amount is added once the tier is reached", () => {
    const q = plan({ model: "usage_based", tiers: [{ upTo: 10, unitAmountCentsPer1000: 0, flatAmountCents: 1000 }, { upTo: null, unitAmountCentsPer1000: 1000, flatAmountCents: 250 }] });
    expect(amounts("2026-03", [q], 10)).toEqual([["usage", 1000]]);
    expect(amounts("2026-03", [q], 11)).toEqual([["usage", 1000], ["usage", 251]]);
  });
});

describe("volume tiers", () => {
  const p = plan({ model: "usage_based", tierMode: "volume", tiers: threeTiers });
  it("at the boundary: every call at tier 1's price", () => expect(amounts("2026-03", [p], 1000)).toEqual([["usage", 500]]));
  it("one past: every call at tier 2's price", () => expect(amounts("2026-03", [p], 1001)).toEqual([["usage", 300]])); // 300.3 → 300
  it("adds the tier's flat amount", () => {
    const q = plan({ model: "usage_based", tierMode: "volume", tiers: [{ upTo: 100, unitAmountCentsPer1000: 100 }, { upTo: null, unitAmountCentsPer1000: 50, flatAmountCents: 999 }] });
    expect(amounts("2026-03", [q], 20_000)).toEqual([["usage", 1999]]);
  });
});

describe("minimum, tax", () => {
  it("tops up to the minimum", () => {
    const p = plan({ model: "usage_based", minimumCents: 5000, tiers: [{ upTo: null, unitAmountCentsPer1000: 100 }] });
    expect(amounts("2026-03", [p], 12_345)).toEqual([["usage", 1235], ["minimum", 3765]]);
  });
  it("a minimum with no usage at all is the whole invoice", () => {
    const p = plan({ model: "usage_based", minimumCents: 5000, tiers: threeTiers });
    expect(inv("2026-03", [p], 0)!.totalCents).toBe(5000);
  });
  it("no top-up when the lines exceed the minimum", () => {
    const p = plan({ model: "flat_fee", flatFeeCents: 6000, minimumCents: 5000 });
    expect(amounts("2026-03", [p])).toEqual([["flat_fee", 6000]]);
  });
  it("tax is rounded once on the subtotal", () => {
    const p = plan({ model: "flat_fee", flatFeeCents: 1005, taxRateBps: 2000 }); // 201.0
    expect(inv("2026-03", [p])).toMatchObject({ subtotalCents: 1005, taxCents: 201, totalCents: 1206 });
    const q = plan({ model: "flat_fee", flatFeeCents: 1025, taxRateBps: 2000 }); // 205
    const r = plan({ model: "flat_fee", flatFeeCents: 1003, taxRateBps: 850 }); // 85.255 → 85
    const s = plan({ model: "flat_fee", flatFeeCents: 1010, taxRateBps: 850 }); // 85.85 → 86
    const t = plan({ model: "flat_fee", flatFeeCents: 100, taxRateBps: 50 }); // 0.5 → 1
    expect([q, r, s, t].map((x) => inv("2026-03", [x])!.taxCents)).toEqual([205, 85, 86, 1]);
  });
});

describe("monthly proration by days", () => {
  const fee = (from: string) => plan({ model: "flat_fee", flatFeeCents: 30_000 }, from);
  it("from the 1st: the whole fee", () => expect(amounts("2026-11", [fee("2026-11-01")])).toEqual([["flat_fee", 30_000]]));
  it("from the 11th of a 30-day month: 20 days", () => expect(amounts("2026-11", [fee("2026-11-11T15:30:00Z")])).toEqual([["flat_fee", 20_000]]));
  it("from the 15th of a 31-day month: 17/31", () => expect(amounts("2026-03", [fee("2026-03-15")])).toEqual([["flat_fee", 16_452]])); // 16451.6
  it("from the last day: one day", () => expect(amounts("2026-03", [fee("2026-03-31")])).toEqual([["flat_fee", 968]])); // 967.74
  it("February in a leap year has 29 days", () => {
    expect(amounts("2028-02", [fee("2028-02-15")])).toEqual([["flat_fee", 15_517]]); // 30000 × 15/29 = 15517.24
    expect(amounts("2027-02", [fee("2027-02-15")])).toEqual([["flat_fee", 15_000]]); // 14/28
  });
  it("a plan starting after the period charges nothing", () => expect(inv("2026-03", [fee("2026-04-01")])).toBeNull());
});

describe("annual fees", () => {
  const p = plan({ model: "flat_fee", flatFeeCents: 120_000, flatFeeInterval: "year" }, "2026-03-20");
  it("the whole fee in the plan's first month, not prorated", () => expect(amounts("2026-03", [p])).toEqual([["flat_fee", 120_000]]));
  it("nothing in the months between", () => {
    for (const m of ["2026-04", "2026-09", "2027-02"]) expect(inv(m, [p])).toBeNull();
  });
  it("again 12 and 24 months after", () => {
    expect(amounts("2027-03", [p])).toEqual([["flat_fee", 120_000]]);
    expect(amounts("2028-03", [p])).toEqual([["flat_fee", 120_000]]);
  });
});

describe("a plan change mid-month", () => {
  it("each plan's fee for its days; usage with the plan in force on the last day", () => {
    const a = plan({ model: "hybrid", flatFeeCents: 30_000, tiers: [{ upTo: null, unitAmountCentsPer1000: 1000 }] }, "2026-01-01");
    const b = plan({ model: "hybrid", flatFeeCents: 60_000, includedCalls: 1000, tiers: [{ upTo: null, unitAmountCentsPer1000: 500 }], taxRateBps: 1000 }, "2026-11-11");
    const r = inv("2026-11", [b, a], 3000)!; // any order
    expect(r.lines.map((l) => [l.kind, l.amountCents])).toEqual([
      ["flat_fee", 10_000], // 10 of 30 days at 300.00
      ["flat_fee", 40_000], // 20 of 30 days at 600.00
      ["usage", 1000], // (3000 − 1000) × 5.00/1000
    ]);
    expect(r).toMatchObject({ subtotalCents: 51_000, taxCents: 5100, totalCents: 56_100, planId: b.id });
  });
  it("a switch to revenue_share mid-month keeps the old fee for its days and charges no usage", () => {
    const a = plan({ model: "flat_fee", flatFeeCents: 31_000 }, "2026-01-01");
    const b = plan({ model: "revenue_share", revenueShareBps: 1500 }, "2026-03-11");
    expect(amounts("2026-03", [a, b], 50_000)).toEqual([["flat_fee", 10_000]]);
  });
});

describe("documents add up", () => {
  it("the total is the sum of the rounded lines plus tax", () => {
    const p = plan({ model: "hybrid", flatFeeCents: 12_345, includedCalls: 777, tiers: threeTiers, minimumCents: 0, taxRateBps: 725 }, "2026-06-07");
    const r = inv("2026-06", [p], 23_456)!;
    expect(r.subtotalCents).toBe(r.lines.reduce((s, l) => s + l.amountCents, 0));
    expect(r.totalCents).toBe(r.subtotalCents + r.taxCents);
  });
});
