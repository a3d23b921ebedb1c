import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { invoices } from "@/db/schema";
import { notifyMany } from "@/lib/notifications/notify";
import { BILLING_ROLES } from "../billing-roles";
import { formatCents } from "../money";

/**
 * The daily `billing-overdue` sweep: every open invoice past its due date
 * becomes overdue, in one statement (no read-then-write window for a payment
 * to slip through: a paid invoice is no longer open), and its partner is told
 * in the same transaction, so each invoice is announced overdue exactly once.
 */
export async function markOverdueInvoices(db: Db, now: Date = new Date()): Promise<{ overdue: number }> {
  return db.transaction(async (tx) => {
    const flipped = await tx
      .update(invoices)
      .set({ status: "overdue", updatedAt: now })
      .where(and(eq(invoices.status, "open"), lt(invoices.dueAt, now)))
      .returning({ id: invoices.id, partnerId: invoices.partnerId, number: invoices.number, totalCents: invoices.totalCents, currency: invoices.currency, dueAt: invoices.dueAt });
    await notifyMany(
      tx,
      flipped.map((inv) => ({
        kind: "billing.invoice_overdue" as const,
        to: { partner: inv.partnerId, roles: BILLING_ROLES },
        partnerId: inv.partnerId,
        title: `Invoice ${inv.number} is overdue`,
        body: `${formatCents(inv.totalCents, inv.currency)} was due on ${inv.dueAt?.toISOString().slice(0, 10) ?? "its due date"}.`,
        link: `/invoices/${inv.id}`,
      })),
    );
    return { overdue: flipped.length };
  });
}
