import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { billingRuns } from "@/db/schema";
import { waitForRun, type RunKind } from "./billing-runs";
import { addMonths, periodOf, type Period } from "./period";

/** The month a month-end slot (00:00 UTC on the 1st) closes: the one before. */
export function periodClosedBy(slot: Date): Period {
  return addMonths(periodOf(slot), -1);
}

const scheduled = (kind: RunKind, period: Period) =>
  and(eq(billingRuns.kind, kind), eq(billingRuns.period, period), eq(billingRuns.trigger, "schedule"), isNull(billingRuns.partnerId));

/**
 * The scheduled run of a kind for a period, created once (a unique index: a
 * repeated or concurrent call finds the same row). A run that failed is set
 * back to pending, so a retried month end carries on after its last partner
 * instead of stopping at the failure.
 */
export async function ensureMonthEndRun(db: Db, kind: RunKind, period: Period): Promise<string> {
  await db.insert(billingRuns).values({ kind, period, trigger: "schedule" }).onConflictDoNothing();
  const [row] = await db.select({ id: billingRuns.id, status: billingRuns.status }).from(billingRuns).where(scheduled(kind, period));
  if (row.status === "failed") {
    await db
      .update(billingRuns)
      .set({ status: "pending", error: null, finishedAt: null, leaseUntil: null, attempts: 0, updatedAt: new Date() })
      .where(and(eq(billingRuns.id, row.id), eq(billingRuns.status, "failed")));
  }
  return row.id;
}

/**
 * The embedded scheduler's month end: invoices, then payouts, for the month
 * the slot closes. The payout run is created only once the invoices are done,
 * so the resume sweep never starts it early. Throws when a run failed: the
 * scheduler records the slot as failed, and the next try resumes.
 */
export async function runMonthEnd(db: Db, slot: Date, opts: { signal?: AbortSignal } = {}) {
  const period = periodClosedBy(slot);
  const invoices = await waitForRun(db, await ensureMonthEndRun(db, "invoices", period), opts);
  if (invoices?.status !== "succeeded") throw new Error(`the ${period} invoice run ${invoices?.status ?? "vanished"}: ${invoices?.error ?? ""}`);
  const payouts = await waitForRun(db, await ensureMonthEndRun(db, "payouts", period), opts);
  if (payouts?.status !== "succeeded") throw new Error(`the ${period} payout run ${payouts?.status ?? "vanished"}: ${payouts?.error ?? ""}`);
  return { period, invoices: invoices.createdCount, invoicedCents: invoices.amountCents, payoutStatements: payouts.createdCount, paidOutCents: payouts.amountCents };
}
