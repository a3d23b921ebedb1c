import { planOnDay, type BillingPlan } from "../invoice-calculation";
import { bpsOf, roundCents } from "../money";
import { daysBetween, periodBounds, startOfDay, type Period } from "../period";

// What the platform owes a partner for a period (CONTRACT "Billing", payouts),
// as a pure function: no database, no clock. The payout run aggregates the
// install-days in SQL (payout-installs.ts) with the same day rule as
// `installDaysIn`; the golden tests check both to the cent.

/** A paid listing's installs in a period, summed: how many overlapped it and for how many days in all. */
export type ListingInstalls = {
  listingId: string;
  listingName: string;
  monthlyPriceCents: number;
  installs: number;
  installDays: number;
};

export type PayoutLine = ListingInstalls & { daysInPeriod: number; grossCents: number };

export type CalculatedPayout = {
  period: Period;
  currency: string;
  lines: PayoutLine[];
  grossCents: number;
  revenueShareBps: number;
  platformShareCents: number;
  carriedInCents: number;
  netCents: number;
  /** The payout's amount (the net), or 0 when the net stays below the minimum. */
  payoutCents: number;
  /** What stays in the balance for the next period: the net below the minimum, else 0. */
  carriedOutCents: number;
};

/**
 * Days of the period an install counts: from the UTC day it was connected (counted) to the
 * UTC day it was uninstalled (not counted), clipped to the period; one never connected
 * (pending) counts none, one still installed counts to the period's end.
 */
export function installDaysIn(period: Period, connectedAt: Date | null, uninstalledAt: Date | null): number {
  if (!connectedAt) return 0;
  const b = periodBounds(period);
  const from = startOfDay(connectedAt) > b.start ? startOfDay(connectedAt) : b.start;
  const until = uninstalledAt && startOfDay(uninstalledAt) < b.end ? startOfDay(uninstalledAt) : b.end;
  return Math.max(0, daysBetween(from, until));
}

/**
 * One listing's line: `price × install-days ÷ days in the period`, the numerators of all its
 * installs summed and rounded once (rounding each install would drift by up to half a cent each).
 */
export function payoutLine(l: ListingInstalls, daysInPeriod: number): PayoutLine {
  const grossCents = roundCents(BigInt(l.monthlyPriceCents) * BigInt(l.installDays), BigInt(daysInPeriod));
  return { ...l, daysInPeriod, grossCents };
}

export function calculatePayout(input: {
  period: Period;
  listings: ListingInstalls[];
  /** The partner's plan history (any order); the share is the plan's in force on the period's last day. */
  plans: BillingPlan[];
  carriedInCents: number;
  minimumCents: number;
}): CalculatedPayout {
  const b = periodBounds(input.period);
  const lines = [...input.listings]
    .filter((l) => l.installDays > 0)
    .sort((x, y) => x.listingName.localeCompare(y.listingName) || x.listingId.localeCompare(y.listingId))
    .map((l) => payoutLine(l, b.days));
  const grossCents = lines.reduce((s, l) => s + l.grossCents, 0);
  const plan = planOnDay(input.plans, new Date(b.end.getTime() - 86_400_000));
  const revenueShareBps = plan?.revenueShareBps ?? 0;
  const platformShareCents = bpsOf(grossCents, revenueShareBps);
  const netCents = grossCents - platformShareCents + input.carriedInCents;
  const pays = netCents > 0 && netCents >= input.minimumCents;
  return {
    period: input.period,
    currency: plan?.currency ?? "USD",
    lines,
    grossCents,
    revenueShareBps,
    platformShareCents,
    carriedInCents: input.carriedInCents,
    netCents,
    payoutCents: pays ? netCents : 0,
    carriedOutCents: pays ? 0 : netCents,
  };
}
