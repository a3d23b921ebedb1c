import { and, eq } from "drizzle-orm";
import { payouts } from "@/db/schema";
import type { RunKindHandler } from "../run-kind";
import { payoutMinimumCents } from "./payout-minimum";
import { manualPayoutProvider, type PayoutProvider } from "./payout-provider";
import { countPayoutPartners, pendingPayoutPartners } from "./payout-scope";
import { submitPayouts } from "./submit-payouts";
import { writePayoutStatements } from "./write-payout-statements";

/**
 * The payouts kind of a month-end run: a statement per partner in scope, a payout where the
 * net reaches the minimum, each payout handed to the provider. `created` counts statements,
 * `amountCents` is the total of the payouts created (what the platform now owes).
 */
export function createPayoutRunKind(provider: PayoutProvider = manualPayoutProvider): RunKindHandler {
  return {
    count: (db, run) => countPayoutPartners(db, { period: run.period, partnerId: run.partnerId }),
    pending: (db, run, limit) => pendingPayoutPartners(db, { period: run.period, partnerId: run.partnerId, after: run.cursor, runId: run.id }, limit),
    async process(db, run, partnerIds, now) {
      const r = await writePayoutStatements(db, {
        period: run.period,
        partnerIds,
        runId: run.id,
        now,
        provider: provider.name,
        minimumCents: payoutMinimumCents(),
      });
      // Every payout of the run still pending, not only this batch's: one written by a batch that
      // crashed before submitting (or refused by a provider that was down) goes out now.
      const waiting = await db
        .select()
        .from(payouts)
        .where(and(eq(payouts.runId, run.id), eq(payouts.status, "pending")))
        .orderBy(payouts.id);
      await submitPayouts(db, provider, waiting, now);
      return { created: r.created, amountCents: r.amountCents, done: partnerIds.length };
    },
  };
}

export const payoutRunKind: RunKindHandler = createPayoutRunKind();
