import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { invoices } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { scopedPartnerId } from "../partner-scope";
import { invoiceStatuses, type InvoiceStatus } from "../schemas";
import { effectiveStatus } from "./effective-status";
import { visibleInvoices } from "./invoice-item";

export type InvoiceTotals = { period: string | null; totals: { status: InvoiceStatus; count: number; totalCents: number }[] };

/** Count and sum of invoices per status as of now (a period, a partner, or all the caller sees), in one statement. */
export async function invoiceTotals(db: Db, principal: Principal, q: { period?: string; partnerId?: string }): Promise<InvoiceTotals> {
  const partnerId = scopedPartnerId(principal, q.partnerId);
  const rows = await db
    .select({ status: effectiveStatus, count: sql<number>`count(*)::int`, totalCents: sql<string>`coalesce(sum(${invoices.totalCents}), 0)::bigint` })
    .from(invoices)
    .where(and(visibleInvoices(principal), q.period ? eq(invoices.period, q.period) : undefined, partnerId ? eq(invoices.partnerId, partnerId) : undefined))
    .groupBy(effectiveStatus);
  const by = new Map(rows.map((r) => [r.status, r]));
  return {
    period: q.period ?? null,
    totals: invoiceStatuses.map((status) => ({ status, count: Number(by.get(status)?.count ?? 0), totalCents: Number(by.get(status)?.totalCents ?? 0) })),
  };
}
