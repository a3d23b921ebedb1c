import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { invoices } from "@/db/schema";

/**
 * The daily `billing-overdue` sweep: every open invoice past its due date
 * becomes overdue, in one statement (no read-then-write window for a payment
 * to slip through: a paid invoice is no longer open).
 */
export async function markOverdueInvoices(db: Db, now: Date = new Date()): Promise<{ overdue: number }> {
  const flipped = await db
    .update(invoices)
    .set({ status: "overdue", updatedAt: now })
    .where(and(eq(invoices.status, "open"), lt(invoices.dueAt, now)))
    .returning({ id: invoices.id });
  return { overdue: flipped.length };
}
