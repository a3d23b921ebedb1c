import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db";
import { invoiceLineItems, invoices } from "@/db/schema";
import { billableCallsByPartner } from "@/lib/billing/billable-calls";
import { calculateInvoice, type CalculatedInvoice } from "@/lib/billing/invoice-calculation";
import { formatInvoiceNumber, lockInvoiceCounter, takeInvoiceNumbers } from "@/lib/billing/invoice-numbers";
import { invoiceRunKind } from "@/lib/billing/invoice-run-kind";
import { paidInstallsByPartner } from "@/lib/billing/payouts/payout-installs";
import { pendingPayoutPartners } from "@/lib/billing/payouts/payout-scope";
import { periodBounds, type Period } from "@/lib/billing/period";
import { plansByPartner } from "@/lib/billing/pricing-plans";
import type { BillingRunRow } from "@/lib/billing/run-kind";
import { publishSystemEvents } from "@/lib/events/publish-system-events";

// Where a month-end batch spends its time. The invoice run's batches are replayed step by
// step (the same calls issueInvoices makes, in its order) inside transactions that roll
// back: the batch's invoices are deleted first, so the writes happen as they did, and
// nothing stays. The payout run's reads are timed the same way; its writes are the rest.

class Rollback extends Error {}
const BATCH = 500;

type Phase = Record<string, number>;

async function timed<T>(phase: Phase, name: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  phase[name] = (phase[name] ?? 0) + performance.now() - t0;
  return r;
}

export async function invoiceBreakdown(db: Db, run: BillingRunRow): Promise<{ phases: Phase; batches: number }> {
  const phases: Phase = {};
  const b = periodBounds(run.period);
  const now = new Date();
  let cursor: string | null = null;
  let batches = 0;
  for (;;) {
    const ids: string[] = await timed(phases, "pending partners (select distinct … limit 500)", () => invoiceRunKind.pending(db, { ...run, cursor }, BATCH));
    if (!ids.length) break;
    cursor = ids[ids.length - 1];
    batches++;
    await db
      .transaction(async (tx) => {
        await tx.delete(invoices).where(and(eq(invoices.period, run.period), inArray(invoices.partnerId, ids)));
        const [plans, calls] = await Promise.all([
          timed(phases, "plans (plansByPartner)", () => plansByPartner(tx, ids)),
          timed(phases, "billable calls (billableCallsByPartner)", () => billableCallsByPartner(tx, { from: b.firstDay, to: b.lastDay, partnerIds: ids })),
        ]);
        const calculated = await timed(phases, "calculateInvoice × partners (JS)", () => {
          const out: [string, CalculatedInvoice][] = [];
          for (const id of ids) {
            const inv = calculateInvoice({ period: run.period, plans: plans.get(id) ?? [], billableCalls: calls.get(id) ?? 0 });
            if (inv) out.push([id, inv]);
          }
          return out;
        });
        await timed(phases, "lock counter + already issued?", async () => {
          await lockInvoiceCounter(tx);
          await tx
            .select({ partnerId: invoices.partnerId })
            .from(invoices)
            .where(and(eq(invoices.period, run.period), ne(invoices.status, "void"), inArray(invoices.partnerId, calculated.map(([id]) => id))));
        });
        const numbers = await takeInvoiceNumbers(tx, calculated.length);
        const rows = await timed(phases, "insert invoices", () =>
          tx
            .insert(invoices)
            .values(
              calculated.map(([partnerId, inv], i) => ({
                partnerId,
                period: run.period,
                number: formatInvoiceNumber(run.period, numbers[i]),
                status: "open" as const,
                currency: inv.currency,
                subtotalCents: inv.subtotalCents,
                taxCents: inv.taxCents,
                totalCents: inv.totalCents,
                issuedAt: now,
                dueAt: now,
                runId: run.id,
              })),
            )
            .returning({ id: invoices.id, partnerId: invoices.partnerId }),
        );
        const idOf = new Map(rows.map((r) => [r.partnerId, r.id]));
        await timed(phases, "insert invoice lines", async () => {
          const lines = calculated.flatMap(([partnerId, inv]) => inv.lines.map((l, position) => ({ invoiceId: idOf.get(partnerId)!, position, ...l })));
          for (let i = 0; i < lines.length; i += 5000) await tx.insert(invoiceLineItems).values(lines.slice(i, i + 5000));
        });
        await timed(phases, "publish billing.invoice_generated (events + deliveries)", () =>
          publishSystemEvents(
            tx,
            "billing.invoice_generated",
            calculated.map(([partnerId, inv]) => ({
              partnerId,
              data: { invoiceId: idOf.get(partnerId)!, partnerId, period: run.period, totalCents: inv.totalCents, currency: inv.currency, dueAt: now.toISOString() },
            })),
          ),
        );
        await timed(phases, "commit (here: rollback)", () => Promise.resolve());
        throw new Rollback();
      })
      .catch((err) => {
        if (!(err instanceof Rollback)) throw err;
      });
  }
  return { phases, batches };
}

/** The payout run's reads per batch (its writes are the rest of its time). */
export async function payoutReadBreakdown(db: Db, period: Period, partnerIds: string[]): Promise<Phase> {
  const phases: Phase = {};
  for (let i = 0; i < partnerIds.length; i += BATCH) {
    const ids = partnerIds.slice(i, i + BATCH);
    await timed(phases, "pending partners (scope query)", () => pendingPayoutPartners(db, { period, partnerId: null, after: i ? partnerIds[i - 1] : null }, BATCH));
    await timed(phases, "install-days (paidInstallsByPartner)", () => paidInstallsByPartner(db, period, ids));
    await timed(phases, "plans (plansByPartner)", () => plansByPartner(db, ids));
  }
  return phases;
}
