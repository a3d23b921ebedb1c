import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { partnerBalances, payouts } from "@/db/schema";
import { isUuid } from "@/lib/db/errors";
import { InvalidTransition, NotFound } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { formatCents } from "../money";
import { BILLING_ROLES } from "../billing-roles";
import type { PayoutRow } from "./payout-item";

// The two ways a payout leaves pending/processing, shared by the admin routes and by the run
// when a provider answers at once. Each locks the payout row, so two admins (or an admin and
// the provider) cannot both act on it; the second sees the new status and gets 409.

const open = new Set(["pending", "processing"]);

async function lockOpen(db: Db, id: string, action: string): Promise<PayoutRow> {
  if (!isUuid(id)) throw new NotFound("Payout");
  const [row] = await db.select().from(payouts).where(eq(payouts.id, id)).for("update");
  if (!row) throw new NotFound("Payout");
  if (!open.has(row.status)) throw new InvalidTransition(row.status, action, "This payout");
  return row;
}

export async function payoutPaid(db: Db, id: string, input: { reference: string | null; paidAt: Date }, now: Date): Promise<PayoutRow> {
  return db.transaction(async (tx) => {
    const row = await lockOpen(tx, id, "be marked paid");
    const [updated] = await tx
      .update(payouts)
      .set({ status: "paid", paidAt: input.paidAt, reference: input.reference ?? row.reference, updatedAt: now })
      .where(eq(payouts.id, id))
      .returning();
    await notify(tx, {
      kind: "billing.payout_paid",
      to: { partner: row.partnerId, roles: BILLING_ROLES },
      partnerId: row.partnerId,
      title: `Payout of ${formatCents(updated.amountCents, updated.currency)} for ${updated.period} sent`,
      body: updated.reference ? `Transfer reference: ${updated.reference}.` : undefined,
      link: `/payouts/${id}`,
    });
    return updated;
  });
}

/** Failed: the amount goes back to the partner's balance in the same transaction, so the next period pays it. */
export async function payoutFailed(db: Db, id: string, input: { reason: string }, now: Date): Promise<PayoutRow> {
  return db.transaction(async (tx) => {
    const row = await lockOpen(tx, id, "be marked failed");
    const [updated] = await tx
      .update(payouts)
      .set({ status: "failed", failureReason: input.reason, failedAt: now, updatedAt: now })
      .where(eq(payouts.id, id))
      .returning();
    await tx
      .insert(partnerBalances)
      .values({ partnerId: row.partnerId, balanceCents: row.amountCents, updatedAt: now })
      .onConflictDoUpdate({
        target: partnerBalances.partnerId,
        set: { balanceCents: sql`${partnerBalances.balanceCents} + ${row.amountCents}`, updatedAt: now },
      });
    await notify(tx, {
      kind: "billing.payout_failed",
      to: { partner: row.partnerId, roles: BILLING_ROLES },
      partnerId: row.partnerId,
      title: `Payout of ${formatCents(updated.amountCents, updated.currency)} for ${updated.period} failed`,
      body: `${input.reason}\n\nThe amount returns to your balance and is paid with the next payout.`,
      link: `/payouts/${id}`,
    });
    return updated;
  });
}
