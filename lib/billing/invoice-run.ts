import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { invoiceLineItems, invoices } from "@/db/schema";
import { config } from "@/lib/config";
import { rowsOf } from "@/lib/db/rows";
import { announce, publishSystemEvents } from "@/lib/events/publish-system-events";
import { notifyMany } from "@/lib/notifications/notify";
import { billableCallsByPartner } from "./billable-calls";
import { BILLING_ROLES } from "./billing-roles";
import { calculateInvoice, type CalculatedInvoice } from "./invoice-calculation";
import { formatInvoiceNumber, lockInvoiceCounter, takeInvoiceNumbers } from "./invoice-numbers";
import { formatCents } from "./money";
import { periodBounds, type Period } from "./period";
import { plansByPartner } from "./pricing-plans";

const DAY_MS = 86_400_000;

/**
 * Issues the period's invoices of these partners, skipping those that have one
 * (not void) already: usage for all of them in one statement, plans in one,
 * the invoices, their lines and their `billing.invoice_generated` events in
 * one transaction with gapless numbers. Safe to call twice, or from two
 * runners at once: the counter's lock makes the second wait and then find the
 * invoices issued.
 */
export async function issueInvoices(
  db: Db,
  opts: {
    period: Period;
    partnerIds: string[];
    runId?: string | null;
    now: Date;
    /** The period's billable calls per partner, when the caller aggregated them already (a partner absent has none). */
    calls?: Map<string, number>;
  },
): Promise<{ created: number; amountCents: number }> {
  const { period, partnerIds, now } = opts;
  if (!partnerIds.length) return { created: 0, amountCents: 0 };
  const b = periodBounds(period);
  const [plans, calls] = await Promise.all([
    plansByPartner(db, partnerIds),
    opts.calls ?? billableCallsByPartner(db, { from: b.firstDay, to: b.lastDay, partnerIds }),
  ]);
  const calculated: [string, CalculatedInvoice][] = [];
  for (const id of partnerIds) {
    const inv = calculateInvoice({ period, plans: plans.get(id) ?? [], billableCalls: calls.get(id) ?? 0 });
    if (inv) calculated.push([id, inv]);
  }
  if (!calculated.length) return { created: 0, amountCents: 0 };

  const dueAt = new Date(now.getTime() + config().INVOICE_DUE_DAYS * DAY_MS);
  const { result, published } = await db.transaction(async (tx) => {
    await lockInvoiceCounter(tx);
    const issued = await tx
      .select({ partnerId: invoices.partnerId })
      .from(invoices)
      .where(and(eq(invoices.period, period), ne(invoices.status, "void"), inArray(invoices.partnerId, calculated.map(([id]) => id))));
    const done = new Set(issued.map((r) => r.partnerId));
    const todo = calculated.filter(([id]) => !done.has(id));
    if (!todo.length) return { result: { created: 0, amountCents: 0 }, published: { deliveryIds: [] } };
    const numbers = await takeInvoiceNumbers(tx, todo.length);
    // Invoices and lines go in as one JSON parameter each (jsonb_to_recordset): building a
    // multi-row VALUES for thousands of rows costs more in the driver than the insert does.
    const invoiceRows = todo.map(([partnerId, inv], i) => ({
      partner_id: partnerId,
      number: formatInvoiceNumber(period, numbers[i]),
      currency: inv.currency,
      subtotal_cents: inv.subtotalCents,
      tax_cents: inv.taxCents,
      total_cents: inv.totalCents,
    }));
    const inserted = rowsOf<{ id: string; partner_id: string }>(
      await tx.execute(sql`
        insert into ${invoices} (partner_id, period, number, status, currency, subtotal_cents, tax_cents, total_cents, issued_at, due_at, run_id)
        select x.partner_id, ${period}, x.number, 'open', x.currency, x.subtotal_cents, x.tax_cents, x.total_cents,
          ${now.toISOString()}::timestamptz, ${dueAt.toISOString()}::timestamptz, ${opts.runId ?? null}::uuid
        from jsonb_to_recordset(${JSON.stringify(invoiceRows)}::jsonb)
          as x(partner_id uuid, number text, currency text, subtotal_cents bigint, tax_cents bigint, total_cents bigint)
        returning id, partner_id`),
    );
    const idOf = new Map(inserted.map((r) => [r.partner_id, r.id]));
    const lines = todo.flatMap(([partnerId, inv]) =>
      inv.lines.map((l, position) => ({
        invoice_id: idOf.get(partnerId)!,
        position,
        kind: l.kind,
        description: l.description,
        quantity: l.quantity,
        unit_amount_cents: l.unitAmountCents,
        amount_cents: l.amountCents,
        metadata: l.metadata,
      })),
    );
    await tx.execute(sql`
      insert into ${invoiceLineItems} (invoice_id, position, kind, description, quantity, unit_amount_cents, amount_cents, metadata)
      select x.invoice_id, x.position, x.kind, x.description, x.quantity, x.unit_amount_cents, x.amount_cents, x.metadata
      from jsonb_to_recordset(${JSON.stringify(lines)}::jsonb)
        as x(invoice_id uuid, position int, kind text, description text, quantity bigint, unit_amount_cents bigint, amount_cents bigint, metadata jsonb)`);
    const published = await publishSystemEvents(
      tx,
      "billing.invoice_generated",
      todo.map(([partnerId, inv]) => ({
        partnerId,
        data: { invoiceId: idOf.get(partnerId)!, partnerId, period, totalCents: inv.totalCents, currency: inv.currency, dueAt: dueAt.toISOString() },
      })),
    );
    // With the invoices, in one statement for the whole batch: a partner is told of exactly the invoices that exist.
    const due = dueAt.toISOString().slice(0, 10);
    await notifyMany(
      tx,
      todo.map(([partnerId, inv], i) => ({
        kind: "billing.invoice_issued" as const,
        to: { partner: partnerId, roles: BILLING_ROLES },
        partnerId,
        title: `Invoice ${invoiceRows[i].number} for ${period}: ${formatCents(inv.totalCents, inv.currency)}`,
        body: `Due on ${due}.`,
        link: `/invoices/${idOf.get(partnerId)!}`,
      })),
    );
    return { result: { created: todo.length, amountCents: todo.reduce((s, [, inv]) => s + inv.totalCents, 0) }, published };
  });
  await announce(published);
  return result;
}
