import { divRound, formatCents, roundCents } from "./money";
import { addMonths, daysBetween, isoDay, monthsBetween, periodBounds, periodOf, startOfDay, type Period } from "./period";
import { modelCharges, type InvoiceLine, type PricingModel, type Tier } from "./schemas";

// The invoice a period produces, as a pure function of the partner's plan
// history and the period's billable calls (CONTRACT "Billing"). No database,
// no clock: the monthly run, the upcoming invoice, the admin's preview and the
// golden tests all call this one function.

export type BillingPlan = {
  id: string;
  model: PricingModel;
  currency: string;
  revenueShareBps: number;
  flatFeeCents: number | null;
  flatFeeInterval: "month" | "year";
  includedCalls: number;
  tiers: Tier[] | null;
  tierMode: "graduated" | "volume";
  minimumCents: number;
  taxRateBps: number;
  effectiveFrom: Date;
};

export type CalculatedInvoice = {
  period: Period;
  currency: string;
  lines: InvoiceLine[];
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  billableCalls: number;
  /** The plan whose usage price, minimum and tax applied (in force on the period's last day). */
  planId: string;
};

/** Each plan with the days [from, to) it is in force, plans ordered by effectiveFrom. */
function spans(plans: BillingPlan[]) {
  const sorted = [...plans].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  return sorted.map((plan, i) => ({
    plan,
    from: startOfDay(plan.effectiveFrom),
    to: i + 1 < sorted.length ? startOfDay(sorted[i + 1].effectiveFrom) : null,
  }));
}

/** The plan in force on a day (UTC midnight), or null before the first. */
export function planOnDay(plans: BillingPlan[], day: Date): BillingPlan | null {
  const s = spans(plans).find((x) => x.from <= day && (x.to === null || day < x.to));
  return s?.plan ?? null;
}

const dayFmt = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
const monthFmt = new Intl.DateTimeFormat("en-US", { month: "short", year: "numeric", timeZone: "UTC" });
const int = new Intl.NumberFormat("en-US");

function flatFeeLines(plans: BillingPlan[], period: Period): InvoiceLine[] {
  const b = periodBounds(period);
  const lines: InvoiceLine[] = [];
  for (const { plan, from, to } of spans(plans)) {
    if (!modelCharges(plan.model).flat || !plan.flatFeeCents) continue;
    const start = from > b.start ? from : b.start;
    const end = to && to < b.end ? to : b.end;
    const days = daysBetween(start, end);
    if (days <= 0) continue;
    if (plan.flatFeeInterval === "year") {
      const months = monthsBetween(periodOf(plan.effectiveFrom), period);
      if (months < 0 || months % 12 !== 0) continue;
      const last = addMonths(period, 11);
      lines.push({
        kind: "flat_fee",
        description: `Platform fee, annual (${monthFmt.format(b.start)} – ${monthFmt.format(periodBounds(last).start)})`,
        quantity: 1,
        unitAmountCents: plan.flatFeeCents,
        amountCents: plan.flatFeeCents,
        metadata: { planId: plan.id, interval: "year", flatFeeCents: plan.flatFeeCents, coversFrom: period, coversTo: last },
      });
      continue;
    }
    const amount = roundCents(BigInt(plan.flatFeeCents) * BigInt(days), BigInt(b.days));
    const whole = days === b.days;
    const lastDay = new Date(end.getTime() - 86_400_000);
    lines.push({
      kind: "flat_fee",
      description: whole
        ? "Platform fee, monthly"
        : `Platform fee, monthly (${dayFmt.format(start)}–${dayFmt.format(lastDay)}, ${days} of ${b.days} days)`,
      quantity: 1,
      unitAmountCents: amount,
      amountCents: amount,
      metadata: { planId: plan.id, interval: "month", flatFeeCents: plan.flatFeeCents, days, daysInPeriod: b.days, from: isoDay(start), to: isoDay(lastDay) },
    });
  }
  return lines;
}

/** `calls × per1000 ÷ 1000 + flat`, rounded once. */
function tierAmount(calls: number, per1000: number, flat: number): number {
  return roundCents(BigInt(calls) * BigInt(per1000) + BigInt(flat) * 1000n, 1000n);
}

function usageLines(plan: BillingPlan, calls: number): InvoiceLine[] {
  if (!modelCharges(plan.model).usage || !plan.tiers?.length) return [];
  const included = plan.includedCalls;
  const billable = Math.max(0, calls - included);
  if (billable === 0) return [];
  const common = { planId: plan.id, mode: plan.tierMode, includedCalls: included, totalCalls: calls, billableCalls: billable };
  if (plan.tierMode === "volume") {
    const index = plan.tiers.findIndex((t) => t.upTo === null || billable <= t.upTo);
    const t = plan.tiers[index];
    const flat = t.flatAmountCents ?? 0;
    return [
      {
        kind: "usage",
        description: `API calls: ${int.format(billable)} beyond the ${int.format(included)} included, all at tier ${index + 1} (${formatCents(t.unitAmountCentsPer1000, plan.currency)} per 1,000)`,
        quantity: billable,
        unitAmountCents: t.unitAmountCentsPer1000,
        amountCents: tierAmount(billable, t.unitAmountCentsPer1000, flat),
        metadata: { ...common, tier: index + 1, upTo: t.upTo, unitAmountCentsPer1000: t.unitAmountCentsPer1000, flatAmountCents: flat, calls: billable },
      },
    ];
  }
  const lines: InvoiceLine[] = [];
  let lower = 0;
  plan.tiers.forEach((t, i) => {
    if (billable <= lower) return;
    const upper = t.upTo === null ? billable : Math.min(t.upTo, billable);
    const inTier = upper - lower;
    const flat = t.flatAmountCents ?? 0;
    const fromCall = included + lower + 1;
    const toCall = included + upper;
    lines.push({
      kind: "usage",
      description: `API calls ${int.format(fromCall)}–${int.format(toCall)}, tier ${i + 1} (${formatCents(t.unitAmountCentsPer1000, plan.currency)} per 1,000)`,
      quantity: inTier,
      unitAmountCents: t.unitAmountCentsPer1000,
      amountCents: tierAmount(inTier, t.unitAmountCentsPer1000, flat),
      metadata: { ...common, tier: i + 1, upTo: t.upTo, fromCall, toCall, unitAmountCentsPer1000: t.unitAmountCentsPer1000, flatAmountCents: flat, calls: inTier },
    });
    lower = t.upTo ?? billable;
  });
  return lines;
}

/**
 * The invoice for `period` from the partner's plans (any order, any span) and
 * its billable calls, or null when it has no lines. Flat fees are prorated to
 * each plan in force during the period; usage, the minimum, tax and currency
 * come from the plan in force on the period's last day.
 */
export function calculateInvoice(input: { period: Period; plans: BillingPlan[]; billableCalls: number }): CalculatedInvoice | null {
  const { period, plans, billableCalls } = input;
  const b = periodBounds(period);
  const closing = planOnDay(plans, new Date(b.end.getTime() - 86_400_000));
  const lines = flatFeeLines(plans, period);
  if (closing) lines.push(...usageLines(closing, billableCalls));
  const sum = lines.reduce((s, l) => s + l.amountCents, 0);
  if (closing && closing.minimumCents > sum) {
    const top = closing.minimumCents - sum;
    lines.push({
      kind: "minimum",
      description: `Minimum commitment top-up (minimum ${formatCents(closing.minimumCents, closing.currency)})`,
      quantity: 1,
      unitAmountCents: top,
      amountCents: top,
      metadata: { planId: closing.id, minimumCents: closing.minimumCents, chargedBeforeMinimumCents: sum },
    });
  }
  if (lines.length === 0) return null;
  const subtotalCents = lines.reduce((s, l) => s + l.amountCents, 0);
  const taxRateBps = closing?.taxRateBps ?? 0;
  const taxCents = Number(divRound(BigInt(taxRateBps) * BigInt(subtotalCents), 10_000n));
  return {
    period,
    currency: closing?.currency ?? plans[plans.length - 1]?.currency ?? "USD",
    lines,
    subtotalCents,
    taxCents,
    totalCents: subtotalCents + taxCents,
    billableCalls,
    planId: (closing ?? plans[plans.length - 1]).id,
  };
}
