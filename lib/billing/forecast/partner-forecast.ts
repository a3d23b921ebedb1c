import { calculateInvoice, planOnDay, type BillingPlan } from "../invoice-calculation";
import { bpsOf, divRound } from "../money";
import { periodBounds, startOfDay, type Period } from "../period";
import { projectCalls, trendBasis, type TrendBasis } from "./usage-trend";

// One partner's months ahead, as a pure function of its plans, its recent
// billable calls and its active paid installs: no database, no clock. The
// platform's forecast is the sum of these.

export type PartnerForecastInput = {
  plans: BillingPlan[];
  /** Billable calls of the closed months counted (oldest first; at most 3). */
  closedCalls: number[];
  /** This month's calls so far, scaled to the whole month (used without closed months). */
  paceCalls: number;
  /** Σ monthly price of active paid installs of the partner's listings. */
  paidInstallsCents: number;
};

export type PartnerForecast = {
  months: { period: Period; billableCalls: number; invoicedCents: number; payoutsCents: number }[];
  /** First month's invoice (annual fees as 1/12) + the platform's share of active paid installs. */
  mrrCents: number;
  basis: TrendBasis;
};

// Bounds of the few months a forecast spans, computed once for all partners (periodBounds formats dates).
const bounds = new Map<Period, { start: number; lastDay: Date }>();
function boundsOf(p: Period) {
  let b = bounds.get(p);
  if (!b) {
    const { start, end } = periodBounds(p);
    if (bounds.size > 1000) bounds.clear();
    bounds.set(p, (b = { start: start.getTime(), lastDay: new Date(end.getTime() - 86_400_000) }));
  }
  return b;
}

/** An annual fee as a monthly one of a twelfth (rounded once): recurring revenue, not the month it is billed in. */
export function monthlyEquivalent(plans: BillingPlan[]): BillingPlan[] {
  return plans.map((p) =>
    p.flatFeeInterval === "year" && p.flatFeeCents ? { ...p, flatFeeInterval: "month" as const, flatFeeCents: Number(divRound(BigInt(p.flatFeeCents), 12n)) } : p,
  );
}

/** The platform's share of a month's installs and what is left for the partner, by the plan in force on its last day. */
function installSplit(plans: BillingPlan[], period: Period, grossCents: number) {
  const bps = planOnDay(plans, boundsOf(period).lastDay)?.revenueShareBps ?? 0;
  const shareCents = bpsOf(grossCents, bps);
  return { shareCents, payoutCents: grossCents - shareCents };
}

/**
 * Invoice totals by month and calls. Once every plan has been in force since a month's first day
 * and none is annual, the invoice depends on the calls alone (a whole month's fee, the closing
 * plan's tiers, minimum and tax): months with the same calls share one calculation.
 */
function invoiceTotals(plans: BillingPlan[]) {
  const annual = plans.some((p) => p.flatFeeInterval === "year");
  const latestStart = Math.max(...plans.map((p) => startOfDay(p.effectiveFrom).getTime()));
  const memo = new Map<string, number>();
  return (period: Period, billableCalls: number) => {
    if (!plans.length) return 0;
    const steady = !annual && latestStart <= boundsOf(period).start;
    const key = steady ? String(billableCalls) : `${period} ${billableCalls}`;
    let total = memo.get(key);
    if (total === undefined) memo.set(key, (total = calculateInvoice({ period, plans, billableCalls })?.totalCents ?? 0));
    return total;
  };
}

/** `periods` are the months ahead, the first being the current (open) month. */
export function forecastPartner(input: PartnerForecastInput, periods: Period[]): PartnerForecast {
  const totalOf = invoiceTotals(input.plans);
  const months = periods.map((period, ahead) => {
    const billableCalls = projectCalls(input.closedCalls, input.paceCalls, ahead);
    return { period, billableCalls, invoicedCents: totalOf(period, billableCalls), payoutsCents: installSplit(input.plans, period, input.paidInstallsCents).payoutCents };
  });
  const first = months[0];
  let mrrCents = 0;
  if (first) {
    // Without an annual fee the recurring month is the first month's invoice itself.
    const annual = input.plans.some((p) => p.flatFeeInterval === "year" && p.flatFeeCents);
    const recurring = annual ? (calculateInvoice({ period: first.period, plans: monthlyEquivalent(input.plans), billableCalls: first.billableCalls })?.totalCents ?? 0) : first.invoicedCents;
    mrrCents = recurring + installSplit(input.plans, first.period, input.paidInstallsCents).shareCents;
  }
  return { months, mrrCents, basis: trendBasis(input.closedCalls.length) };
}
