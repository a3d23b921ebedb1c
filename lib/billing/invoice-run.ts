import { and, inArray, ne, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { invoiceLineItems, invoices } from "@/db/schema";
import { config } from "@/lib/config";
import { announce, publishSystemEvents } from "@/lib/events/publish-system-events";
import { billableCallsByPartner } from "./billable-calls";
import { calculateInvoice, type CalculatedInvoice } from "./invoice-calculation";
import { formatInvoiceNumber, lockInvoiceCounter, takeInvoiceNumbers } from "./invoice-numbers";
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
  opts: { period: Period; partnerIds: string[]; runId?: string | null; now: Date },
): Promise<{ created: number; amountCents: number }> {
  const { period, partnerIds, now } = opts;
  if (!partnerIds.length) return { created: 0, amountCents: 0 };
  const b = periodBounds(period);
  const [plans, calls] = await Promise.all([
    plansByPartner(db, partnerIds),
    billableCallsByPartner(db, { from: b.firstDay, to: b.lastDay, partnerIds }),
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
    const rows = await tx
      .insert(invoices)
      .values(
        todo.map(([partnerId, inv], i) => ({
          partnerId,
          period,
          number: formatInvoiceNumber(period, numbers[i]),
          status: "open" as const,
          currency: inv.currency,
          subtotalCents: inv.subtotalCents,
          taxCents: inv.taxCents,
          totalCents: inv.totalCents,
          issuedAt: now,
          dueAt,
          runId: opts.runId ?? null,
        })),
      )
      .returning({ id: invoices.id, partnerId: invoices.partnerId });
    const idOf = new Map(rows.map((r) => [r.partnerId, r.id]));
    const lines = todo.flatMap(([partnerId, inv]) =>
      inv.lines.map((l, position) => ({ invoiceId: idOf.get(partnerId)!, position, ...l })),
    );
    // Postgres takes at most 65,535 parameters per statement: a line has 8.
    for (let i = 0; i < lines.length; i += 5000) await tx.insert(invoiceLineItems).values(lines.slice(i, i + 5000));
    const published = await publishSystemEvents(
      tx,
      "billing.invoice_generated",
      todo.map(([partnerId, inv]) => ({
        partnerId,
        data: { invoiceId: idOf.get(partnerId)!, partnerId, period, totalCents: inv.totalCents, currency: inv.currency, dueAt: dueAt.toISOString() },
      })),
    );
    return { result: { created: todo.length, amountCents: todo.reduce((s, [, inv]) => s + inv.totalCents, 0) }, published };
  });
  await announce(published);
  return result;
}
