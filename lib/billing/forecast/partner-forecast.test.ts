import { describe, expect, it } from "vitest";
import { calculateInvoice, planOnDay, type BillingPlan } from "../invoice-calculation";
import { bpsOf } from "../money";
import { addMonths, periodBounds } from "../period";
import { pricingModels } from "../schemas";
import { forecastPartner, monthlyEquivalent } from "./partner-forecast";
import { projectCalls } from "./usage-trend";

// forecastPartner shares one calculation between months whose invoice can only differ by
// their calls; this checks it against calculateInvoice called for every month, on plan
// histories that start, change and fall due (annual fees) inside the forecast's months.

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const START = periodBounds("2031-06").start.getTime();
const DAY = 86_400_000;

function randomPlans(r: () => number): BillingPlan[] {
  const n = 1 + Math.floor(r() * 3);
  return Array.from({ length: n }, (_, i) => {
    const model = pricingModels[Math.floor(r() * 4)];
    return {
      id: `p${i}`,
      model,
      currency: "USD",
      revenueShareBps: Math.floor(r() * 4) * 1000,
      flatFeeCents: 1000 + Math.floor(r() * 100_000),
      flatFeeInterval: r() < 0.3 ? "year" : "month",
      includedCalls: Math.floor(r() * 3) * 10_000,
      tiers: r() < 0.5 ? [{ upTo: 50_000, unitAmountCentsPer1000: 77, flatAmountCents: 100 }, { upTo: null, unitAmountCentsPer1000: 33 }] : [{ upTo: null, unitAmountCentsPer1000: 55 }],
      tierMode: r() < 0.5 ? "graduated" : "volume",
      minimumCents: r() < 0.3 ? 20_000 : 0,
      taxRateBps: r() < 0.5 ? 825 : 0,
      // From 400 days before the first forecast month to 120 days into the horizon.
      effectiveFrom: new Date(START + Math.floor(r() * 520 - 400) * DAY + Math.floor(r() * 3) * 3_600_000),
    } satisfies BillingPlan;
  });
}

describe("forecastPartner", () => {
  it("gives exactly calculateInvoice's totals for every month, and MRR with annual fees as a twelfth", () => {
    const periods = Array.from({ length: 6 }, (_, i) => addMonths("2031-06", i));
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const plans = randomPlans(r);
      const closedCalls = Array.from({ length: Math.floor(r() * 4) }, () => Math.floor(r() * 300_000));
      const input = { plans, closedCalls, paceCalls: Math.floor(r() * 100_000), paidInstallsCents: Math.floor(r() * 50_000) };
      const f = forecastPartner(input, periods);
      const lastDay = (p: string) => new Date(periodBounds(p).end.getTime() - DAY);
      const want = periods.map((period, k) => {
        const calls = projectCalls(closedCalls, input.paceCalls, k);
        const bps = planOnDay(plans, lastDay(period))?.revenueShareBps ?? 0;
        return { period, billableCalls: calls, invoicedCents: calculateInvoice({ period, plans, billableCalls: calls })?.totalCents ?? 0, payoutsCents: input.paidInstallsCents - bpsOf(input.paidInstallsCents, bps) };
      });
      expect(f.months, `seed ${seed}`).toEqual(want);
      const share = bpsOf(input.paidInstallsCents, planOnDay(plans, lastDay(periods[0]))?.revenueShareBps ?? 0);
      const recurring = calculateInvoice({ period: periods[0], plans: monthlyEquivalent(plans), billableCalls: want[0].billableCalls })?.totalCents ?? 0;
      expect(f.mrrCents, `seed ${seed}`).toBe(recurring + share);
    }
  });
});
