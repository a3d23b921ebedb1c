import type { Db } from "@/db";
import type { billingRuns } from "@/db/schema";

export type BillingRunRow = typeof billingRuns.$inferSelect;

/**
 * What a month-end run does for its kind (invoices, payouts). The run loop
 * (billing-runs.ts) asks for the partners still to do, in batches, and hands
 * each batch to `process`, which must be idempotent per partner and period:
 * a resumed run (after a crash, or a second runner) skips what is done.
 */
export type RunKindHandler = {
  /** How many partners the run covers (for progress), counted once when it starts. */
  count(db: Db, run: BillingRunRow): Promise<number>;
  /** Partners still to do (no document for the period yet), at most `limit`, in a stable order. */
  pending(db: Db, run: BillingRunRow, limit: number): Promise<string[]>;
  /**
   * Creates the documents of these partners; returns how many it created and their total in cents.
   * `memo` lives as long as the holder's pass over the run: what is worth computing once for every
   * partner (the period's usage, in one statement) is kept there between batches.
   */
  process(
    db: Db,
    run: BillingRunRow,
    partnerIds: string[],
    now: Date,
    memo?: Map<string, unknown>,
  ): Promise<{ created: number; amountCents: number; done: number }>;
};
