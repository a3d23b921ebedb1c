import { and, asc, eq, getTableColumns, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db";
import { invoiceLineItems, invoices } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { NotFound } from "@/lib/errors";
import { afterCursor, cursorOrder, toPage, type Page } from "@/lib/pagination/cursor";
import { scopedPartnerId } from "../partner-scope";
import type { Invoice, InvoiceLine, InvoiceListQuery } from "../schemas";
import { effectiveStatus, hasEffectiveStatus } from "./effective-status";

// A partner reads its own invoices; admins read all. Anyone else asking for an
// invoice gets 404, never a hint that it exists.

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLineItems.$inferSelect;
type ListQuery = z.output<typeof InvoiceListQuery>;

/** Every column, with the status as of now (an open invoice past due reads as overdue). */
const invoiceColumns = { ...getTableColumns(invoices), status: effectiveStatus };

/** The WHERE fragment of invoices the principal may read (drafts are never issued documents). */
export function visibleInvoices(p: Principal): SQL {
  const issued = ne(invoices.status, "draft");
  if (isAdmin(p)) return issued;
  if (!p.partnerId) return sql`false`;
  return and(issued, eq(invoices.partnerId, p.partnerId))!;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toInvoiceLine(l: InvoiceLineRow): InvoiceLine {
  return {
    kind: l.kind as InvoiceLine["kind"],
    description: l.description,
    quantity: l.quantity,
    unitAmountCents: l.unitAmountCents,
    amountCents: l.amountCents,
    metadata: l.metadata ?? {},
  };
}

/** The row and its lines (in document order) → the API item. */
export function toInvoice(row: InvoiceRow, lines: InvoiceLineRow[]): Invoice {
  const issuedAt = row.issuedAt ?? row.createdAt;
  return {
    id: row.id,
    number: row.number,
    partnerId: row.partnerId,
    period: row.period,
    status: row.status as Invoice["status"],
    currency: row.currency,
    lines: [...lines].sort((a, b) => a.position - b.position).map(toInvoiceLine),
    subtotalCents: row.subtotalCents,
    taxCents: row.taxCents,
    totalCents: row.totalCents,
    issuedAt: issuedAt.toISOString(),
    dueAt: (row.dueAt ?? issuedAt).toISOString(),
    paidAt: iso(row.paidAt),
    paymentReference: row.paymentReference,
    voidedAt: iso(row.voidedAt),
    voidReason: row.voidReason,
    runId: row.runId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Lines of several invoices in one query, grouped by invoice. */
export async function linesOf(db: Db, invoiceIds: string[]): Promise<Map<string, InvoiceLineRow[]>> {
  const byInvoice = new Map<string, InvoiceLineRow[]>(invoiceIds.map((id) => [id, []]));
  if (!invoiceIds.length) return byInvoice;
  const rows = await db
    .select()
    .from(invoiceLineItems)
    .where(inArray(invoiceLineItems.invoiceId, invoiceIds))
    .orderBy(asc(invoiceLineItems.invoiceId), asc(invoiceLineItems.position), asc(invoiceLineItems.createdAt));
  for (const r of rows) byInvoice.get(r.invoiceId)?.push(r);
  return byInvoice;
}

/** One invoice row the principal may read, or 404. `forUpdate` locks it for a lifecycle change. */
export async function loadInvoiceRow(db: Db, principal: Principal, id: string, opts: { forUpdate?: boolean } = {}): Promise<InvoiceRow> {
  if (!isUuid(id)) throw new NotFound("Invoice");
  const q = db.select(invoiceColumns).from(invoices).where(and(eq(invoices.id, id), visibleInvoices(principal)));
  const [row] = await (opts.forUpdate ? q.for("update") : q);
  if (!row) throw new NotFound("Invoice");
  return row;
}

export async function getInvoice(db: Db, principal: Principal, id: string): Promise<Invoice> {
  const row = await loadInvoiceRow(db, principal, id);
  const lines = await linesOf(db, [row.id]);
  return toInvoice(row, lines.get(row.id) ?? []);
}

/** Newest first, by (created_at, id): the keyset the partner and status indexes hold. */
export async function listInvoices(db: Db, principal: Principal, q: ListQuery): Promise<Page<Invoice>> {
  const partnerId = scopedPartnerId(principal, q.partnerId);
  const rows = await db
    .select(invoiceColumns)
    .from(invoices)
    .where(
      and(
        visibleInvoices(principal),
        partnerId ? eq(invoices.partnerId, partnerId) : undefined,
        q.status ? hasEffectiveStatus(q.status) : undefined,
        q.period ? eq(invoices.period, q.period) : undefined,
        afterCursor(invoices.createdAt, invoices.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(invoices.createdAt, invoices.id))
    .limit(q.limit + 1);
  const lines = await linesOf(db, rows.slice(0, q.limit).map((r) => r.id));
  return toPage(rows, q.limit, (r) => toInvoice(r, lines.get(r.id) ?? []));
}
