import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { invoices } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden, InvalidTransition } from "@/lib/errors";
import { publishEvent } from "@/lib/events/publish-event";
import type { Invoice } from "../schemas";
import { getInvoice, loadInvoiceRow, type InvoiceRow } from "./invoice-item";
import { recordedPaidAt } from "./paid-at";

// An issued invoice is a financial record: its amounts and lines never change.
// Only its status moves, once: open | overdue → paid | void. Everything else is 409.

const SETTLEABLE = new Set<InvoiceRow["status"]>(["open", "overdue"]);

function requireAdmin(principal: Principal) {
  if (!isAdmin(principal)) throw new Forbidden("Only platform admins can settle invoices");
}

/** Locks the invoice row for the rest of the transaction and checks it can still be settled. */
async function lockSettleable(tx: Db, principal: Principal, id: string, action: string): Promise<InvoiceRow> {
  // The lock makes two concurrent requests take turns: the second sees the first's status and gets 409.
  const row = await loadInvoiceRow(tx, principal, id, { forUpdate: true });
  if (!SETTLEABLE.has(row.status)) throw new InvalidTransition(row.status, action, "This invoice");
  return row;
}

/** POST /billing/invoices/{id}/mark-paid: records the payment and publishes `billing.payment_received` with it. */
export async function markInvoicePaid(
  db: Db,
  principal: Principal,
  id: string,
  input: { reference: string; paidAt?: string },
  now = new Date(),
): Promise<Invoice> {
  requireAdmin(principal);
  const paidAt = recordedPaidAt(input.paidAt, now);
  await db.transaction(async (tx) => {
    const row = await lockSettleable(tx, principal, id, "be marked paid");
    await tx
      .update(invoices)
      .set({ status: "paid", paidAt, paymentReference: input.reference, updatedAt: now })
      .where(eq(invoices.id, row.id));
    // In the same transaction: the event exists if and only if the payment does.
    await publishEvent(tx, null, {
      type: "billing.payment_received",
      partnerId: row.partnerId,
      data: {
        invoiceId: row.id,
        partnerId: row.partnerId,
        amountCents: row.totalCents,
        currency: row.currency,
        receivedAt: paidAt.toISOString(),
      },
    });
  });
  return getInvoice(db, principal, id);
}

/** POST /billing/invoices/{id}/void: the invoice stays on record with its number; its period may be invoiced again. */
export async function voidInvoice(db: Db, principal: Principal, id: string, input: { reason: string }, now = new Date()): Promise<Invoice> {
  requireAdmin(principal);
  await db.transaction(async (tx) => {
    const row = await lockSettleable(tx, principal, id, "be voided");
    await tx
      .update(invoices)
      .set({ status: "void", voidedAt: now, voidReason: input.reason, updatedAt: now })
      .where(eq(invoices.id, row.id));
  });
  return getInvoice(db, principal, id);
}
