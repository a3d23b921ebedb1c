import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { billingRuns } from "@/db/schema";
import { createRun, runToCompletion, type RunKind } from "./billing-runs";
import { addMonths, periodOf, type Period } from "./period";

/** The month a month-end slot (00:00 UTC on the 1st) closes: the one before. */
export function periodClosedBy(slot: Date): Period {
  return addMonths(periodOf(slot), -1);
}

/** The scheduled invoice and payout runs of a period, created once (a repeated call finds them). */
export async function ensureMonthEndRuns(db: Db, period: Period): Promise<Record<RunKind, string>> {
  const out = {} as Record<RunKind, string>;
  for (const kind of ["invoices", "payouts"] as const) {
    const [found] = await db
      .select({ id: billingRuns.id })
      .from(billingRuns)
      .where(and(eq(billingRuns.kind, kind), eq(billingRuns.period, period), eq(billingRuns.trigger, "schedule"), isNull(billingRuns.partnerId)));
    out[kind] = found?.id ?? (await createRun(db, { kind, period, trigger: "schedule" })).id;
  }
  return out;
}

/** The embedded scheduler's month end: invoices, then payouts, for the month the slot closes. */
export async function runMonthEnd(db: Db, slot: Date, opts: { signal?: AbortSignal } = {}) {
  const period = periodClosedBy(slot);
  const runs = await ensureMonthEndRuns(db, period);
  const invoices = await runToCompletion(db, runs.invoices, opts);
  const payouts = await runToCompletion(db, runs.payouts, opts);
  return {
    period,
    invoices: invoices?.createdCount ?? 0,
    invoicedCents: invoices?.amountCents ?? 0,
    payoutStatements: payouts?.createdCount ?? 0,
    status: [invoices?.status, payouts?.status].join("/"),
  };
}
