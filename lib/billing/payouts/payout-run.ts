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
    pending: (db, run, limit) => pendingPayoutPartners(db, { period: run.period, partnerId: run.partnerId, after: run.cursor }, limit),
    async process(db, run, partnerIds, now) {
      const r = await writePayoutStatements(db, {
        period: run.period,
        partnerIds,
        runId: run.id,
        now,
        provider: provider.name,
        minimumCents: payoutMinimumCents(),
      });
      await submitPayouts(db, provider, r.payouts, now);
      return { created: r.created, amountCents: r.amountCents, done: partnerIds.length };
    },
  };
}

export const payoutRunKind: RunKindHandler = createPayoutRunKind();
