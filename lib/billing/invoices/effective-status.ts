import { and, eq, gte, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { invoices } from "@/db/schema";
import type { InvoiceStatus } from "../schemas";

// An open invoice is overdue the moment its due date passes, not when the daily
// sweep (mark-overdue.ts) gets round to writing it: every read computes the
// status the sweep would write. The sweep still persists it, for the event
// history and for readers of the table itself.

/** The status as of the statement's clock, for a select list. */
export const effectiveStatus: SQL<InvoiceStatus | "draft"> = sql<InvoiceStatus | "draft">`(case when ${invoices.status} = 'open' and ${invoices.dueAt} < now() then 'overdue'::invoice_status else ${invoices.status} end)`;

/** Invoices whose effective status is `status`, as predicates on the stored columns (so the status index still serves). */
export function hasEffectiveStatus(status: InvoiceStatus): SQL {
  const pastDue = lt(invoices.dueAt, sql`now()`);
  if (status === "overdue") return or(eq(invoices.status, "overdue"), and(eq(invoices.status, "open"), pastDue))!;
  if (status === "open") return and(eq(invoices.status, "open"), or(isNull(invoices.dueAt), gte(invoices.dueAt, sql`now()`)))!;
  return eq(invoices.status, status);
}
