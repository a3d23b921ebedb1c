import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { invoices } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { invoiceStatuses, type InvoiceStatus } from "../schemas";
import { visibleInvoices } from "./invoice-item";

export type InvoiceTotals = { period: string | null; totals: { status: InvoiceStatus; count: number; totalCents: number }[] };

/** Count and sum of invoices per status (a period, a partner, or all the caller sees), in one statement. */
export async function invoiceTotals(db: Db, principal: Principal, q: { period?: string; partnerId?: string }): Promise<InvoiceTotals> {
  if (q.partnerId && !isAdmin(principal) && q.partnerId !== principal.partnerId) throw new Forbidden("You can only see your own partner's invoices");
  const rows = await db
    .select({ status: invoices.status, count: sql<number>`count(*)::int`, totalCents: sql<string>`coalesce(sum(${invoices.totalCents}), 0)::bigint` })
    .from(invoices)
    .where(and(visibleInvoices(principal), q.period ? eq(invoices.period, q.period) : undefined, q.partnerId ? eq(invoices.partnerId, q.partnerId) : undefined))
    .groupBy(invoices.status);
  const by = new Map(rows.map((r) => [r.status, r]));
  return {
    period: q.period ?? null,
    totals: invoiceStatuses.map((status) => ({ status, count: Number(by.get(status)?.count ?? 0), totalCents: Number(by.get(status)?.totalCents ?? 0) })),
  };
}
