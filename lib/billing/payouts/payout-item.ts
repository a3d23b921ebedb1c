import { eq, type SQL } from "drizzle-orm";
import { payouts, payoutStatements } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { scopedPartnerId } from "../partner-scope";
import { Payout, PayoutStatement } from "../schemas";

// Rows → API items, and whose payouts a caller sees: a partner its own, an admin all.

export type PayoutRow = typeof payouts.$inferSelect;
export type PayoutStatementRow = typeof payoutStatements.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPayout(r: PayoutRow): Payout {
  return Payout.parse({
    id: r.id,
    partnerId: r.partnerId,
    period: r.period,
    status: r.status,
    grossCents: r.grossCents,
    platformShareCents: r.platformShareCents,
    carriedForwardCents: r.carriedForwardCents,
    amountCents: r.amountCents,
    currency: r.currency,
    reference: r.reference,
    paidAt: iso(r.paidAt),
    failureReason: r.failureReason,
    failedAt: iso(r.failedAt),
    provider: r.provider,
    createdAt: r.createdAt.toISOString(),
  });
}

export function toPayoutStatement(r: PayoutStatementRow): PayoutStatement {
  return PayoutStatement.parse({
    id: r.id,
    partnerId: r.partnerId,
    period: r.period,
    currency: r.currency,
    grossCents: r.grossCents,
    revenueShareBps: r.revenueShareBps,
    platformShareCents: r.platformShareCents,
    carriedInCents: r.carriedInCents,
    netCents: r.netCents,
    carriedOutCents: r.carriedOutCents,
    payoutId: r.payoutId,
    lines: r.lines,
    createdAt: r.createdAt.toISOString(),
  });
}

/** The WHERE fragment of payouts the caller may read (undefined: all, for admins). */
export function visiblePayouts(principal: Principal): SQL | undefined {
  const partnerId = scopedPartnerId(principal);
  return partnerId ? eq(payouts.partnerId, partnerId) : undefined;
}
