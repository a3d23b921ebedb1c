import { addMonths, periodOf, type Period } from "@/lib/billing/period";
import type { BillingRun, Forecast } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";

// The figures the admin billing page derives from the API's answers: the period a run defaults
// to, how late an invoice is, a run's progress, and the rows of the money chart.

const DAY_MS = 86_400_000;

/** The month before `now`'s (UTC): the period the month-end run bills. */
export function lastMonth(now: Date = new Date()): Period {
  return addMonths(periodOf(now), -1);
}

/** Whole days since `dueAt` (0 on the day it fell due, and before). */
export function daysOverdue(dueAt: string, now: Date = new Date()): number {
  const late = now.getTime() - Date.parse(dueAt);
  return late > 0 ? Math.floor(late / DAY_MS) : 0;
}

export type RunProgress = {
  /** 0–100, or null while the number of partners is not known yet (an indeterminate bar). */
  percent: number | null;
  /** "12 of 40 partners", "Waiting to start", … */
  label: string;
  done: boolean;
};

export function runProgress(run: Pick<BillingRun, "status" | "totalPartners" | "processedPartners">): RunProgress {
  const done = run.status === "succeeded" || run.status === "failed";
  const total = run.totalPartners;
  if (total === null) {
    if (run.status === "pending") return { percent: null, label: "Waiting to start", done };
    return { percent: done ? 100 : null, label: done ? `${run.processedPartners} partners` : "Counting partners…", done };
  }
  const percent = total === 0 ? 100 : Math.min(100, Math.floor((run.processedPartners / total) * 100));
  return { percent, label: `${run.processedPartners} of ${total} ${total === 1 ? "partner" : "partners"}`, done };
}

/** Polling stops once a run has an outcome. */
export const isFinished = (run: Pick<BillingRun, "status"> | undefined) => run?.status === "succeeded" || run?.status === "failed";

export type MoneyChartRow = {
  period: string;
  label: string;
  forecast: boolean;
  /** Cents; a series a month does not have is null (no bar), never 0. */
  invoiced: number | null;
  collected: number | null;
  payouts: number | null;
  invoicedForecast: number | null;
  payoutsForecast: number | null;
};

/**
 * Closed months (as issued) then forecast months, oldest first. Forecast figures go in their own
 * series (drawn lighter, named "forecast") so a projection never reads as money that moved; a
 * forecast month that is already history is left out.
 */
export function moneyChartRows(forecast: Pick<Forecast, "history" | "months">): MoneyChartRow[] {
  const history = [...forecast.history].sort((a, b) => a.period.localeCompare(b.period));
  const seen = new Set(history.map((h) => h.period));
  const rows: MoneyChartRow[] = history.map((h) => ({
    period: h.period,
    label: formatPeriodShort(h.period),
    forecast: false,
    invoiced: h.invoicedCents,
    collected: h.collectedCents,
    payouts: h.payoutsCents,
    invoicedForecast: null,
    payoutsForecast: null,
  }));
  for (const m of [...forecast.months].sort((a, b) => a.period.localeCompare(b.period))) {
    if (seen.has(m.period)) continue;
    rows.push({
      period: m.period,
      label: `${formatPeriodShort(m.period)} (forecast)`,
      forecast: true,
      invoiced: null,
      collected: null,
      payouts: null,
      invoicedForecast: m.invoicedCents,
      payoutsForecast: m.payoutsCents,
    });
  }
  return rows;
}

export type CurrencyTotals = { count: number; totals: { currency: string; totalCents: number }[] };

/** How many amounts and their sum in each currency (alphabetical): dollars and euros are never added together. */
export function totalsByCurrency(items: readonly { amountCents: number; currency: string }[]): CurrencyTotals {
  const by = new Map<string, number>();
  for (const i of items) by.set(i.currency, (by.get(i.currency) ?? 0) + i.amountCents);
  return {
    count: items.length,
    totals: [...by].sort(([a], [b]) => a.localeCompare(b)).map(([currency, totalCents]) => ({ currency, totalCents })),
  };
}
