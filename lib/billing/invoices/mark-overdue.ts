import { and, asc, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { invoices } from "@/db/schema";
import { notifyMany } from "@/lib/notifications/notify";
import { BILLING_ROLES } from "../billing-roles";
import { formatCents } from "../money";

/** Invoices per transaction: each batch's rows stay locked, and its notifications pending, only that long. */
export const OVERDUE_BATCH = 500;

/**
 * The daily `billing-overdue` sweep: every open invoice past its due date
 * becomes overdue and its partner is told, a batch at a time, each batch in a
 * transaction of its own. Within a batch the invoice flips and its notification
 * is written together, so each invoice is announced overdue exactly once, and a
 * payment that lands meanwhile wins: the rows are locked and the status checked
 * again before the flip, so a paid invoice (no longer open) is left alone.
 */
export async function markOverdueInvoices(db: Db, now: Date = new Date(), opts: { batchSize?: number } = {}): Promise<{ overdue: number }> {
  const batchSize = opts.batchSize ?? OVERDUE_BATCH;
  const due = and(eq(invoices.status, "open"), lt(invoices.dueAt, now));
  let overdue = 0;
  for (;;) {
    const flipped = await db.transaction(async (tx) => {
      // Locked first, flipped second: a LIMITed FOR UPDATE subquery inside the UPDATE may be run
      // again by the planner and reach past the batch (rows the statement already changed are skipped).
      const batch = await tx.select({ id: invoices.id }).from(invoices).where(due).orderBy(asc(invoices.dueAt), asc(invoices.id)).limit(batchSize).for("update");
      if (!batch.length) return 0;
      const rows = await tx
        .update(invoices)
        .set({ status: "overdue", updatedAt: now })
        .where(and(inArray(invoices.id, batch.map((b) => b.id)), due))
        .returning({ id: invoices.id, partnerId: invoices.partnerId, number: invoices.number, totalCents: invoices.totalCents, currency: invoices.currency, dueAt: invoices.dueAt });
      await notifyMany(
        tx,
        rows.map((inv) => ({
          kind: "billing.invoice_overdue" as const,
          to: { partner: inv.partnerId, roles: BILLING_ROLES },
          partnerId: inv.partnerId,
          title: `Invoice ${inv.number} is overdue`,
          body: `${formatCents(inv.totalCents, inv.currency)} was due on ${inv.dueAt?.toISOString().slice(0, 10) ?? "its due date"}.`,
          link: `/invoices/${inv.id}`,
        })),
      );
      return rows.length;
    });
    overdue += flipped;
    // Every flipped invoice leaves the open set, so a short batch means none is left.
    if (flipped < batchSize) return { overdue };
  }
}
