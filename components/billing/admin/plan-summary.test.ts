import { describe, expect, it } from "vitest";
import { planInForce, summarizePlan } from "./plan-summary";

const plan = {
  model: "hybrid" as const,
  currency: "USD",
  revenueShareBps: 2000,
  flatFeeCents: 49_900,
  flatFeeInterval: "month" as const,
  includedCalls: 10_000,
  tiers: [
    { upTo: 90_000, unitAmountCentsPer1000: 50 },
    { upTo: null, unitAmountCentsPer1000: 25 },
  ],
  tierMode: "graduated" as const,
  minimumCents: 10_000,
  taxRateBps: 825,
};

describe("summarizePlan", () => {
  it("sums up each model in one line, amounts formatted from cents", () => {
    expect(summarizePlan(plan)).toBe(
      "$499.00 per month + usage (10,000 calls included, 2 graduated tiers from $0.25 per 1,000 calls) · 20% revenue share · minimum $100.00 · tax 8.25%",
    );
    expect(summarizePlan({ ...plan, model: "revenue_share", revenueShareBps: 1250 })).toBe("12.5% of marketplace sales");
    expect(summarizePlan({ ...plan, model: "flat_fee", flatFeeInterval: "year", revenueShareBps: 0, minimumCents: 0, taxRateBps: 0 })).toBe("$499.00 per year");
    expect(
      summarizePlan({ ...plan, model: "usage_based", includedCalls: 0, tiers: [{ upTo: null, unitAmountCentsPer1000: 5 }], tierMode: "volume", revenueShareBps: 0, minimumCents: 0, taxRateBps: 0 }),
    ).toBe("Usage (1 volume tier from $0.05 per 1,000 calls)");
  });
});

describe("planInForce", () => {
  const oct = { id: "oct", effectiveFrom: "2026-10-01T00:00:00.000Z" };
  const jan = { id: "jan", effectiveFrom: "2027-01-01T00:00:00.000Z" };
  const now = Date.parse("2026-12-05T00:00:00Z");
  it("finds the plan in force under a scheduled one", () => {
    expect(planInForce({ ...jan, history: [jan, oct] }, now)).toEqual({ inForce: oct, scheduled: { ...jan, history: [jan, oct] } });
    expect(planInForce({ ...oct, history: [oct] }, now)).toEqual({ inForce: oct, scheduled: null });
    expect(planInForce({ ...jan, history: [jan] }, now)).toEqual({ inForce: null, scheduled: { ...jan, history: [jan] } });
    expect(planInForce(null, now)).toEqual({ inForce: null, scheduled: null });
  });
});
