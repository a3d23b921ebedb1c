"use client";

import Link from "next/link";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { formatCents } from "@/lib/billing/money";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { Segmented } from "@/components/ui/segmented";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { formatDate, formatPeriod, invoiceStatusLabel } from "./format";
import { billingKey } from "./queries";
import { InvoiceStatusBadge } from "./status-badges";
import { invoiceStatuses, type Invoice, type InvoiceStatus } from "./types";

const col = dataColumnHelper<Invoice>();
const columns = col.columns([
  col.accessor("number", {
    header: "Number",
    cell: (c) => (
      <Link href={`/invoices/${c.row.original.id}`} className="font-mono text-xs font-medium text-slate-900 hover:underline">
        {c.getValue()}
      </Link>
    ),
    meta: { primary: true },
  }),
  col.accessor("period", { header: "Period", cell: (c) => formatPeriod(c.getValue()) }),
  col.accessor("status", { header: "Status", cell: (c) => <InvoiceStatusBadge status={c.getValue()} /> }),
  col.accessor("totalCents", {
    header: "Total",
    cell: (c) => formatCents(c.getValue(), c.row.original.currency),
    meta: { className: "tabular-nums md:text-right", headerClassName: "text-right" },
  }),
  col.accessor("issuedAt", { header: "Issued", cell: (c) => formatDate(c.getValue()), meta: { hide: "lg" } }),
  col.accessor("dueAt", {
    header: "Due",
    cell: (c) =>
      c.row.original.status === "overdue" ? (
        <span className="font-medium text-red-700">{formatDate(c.getValue())}</span>
      ) : (
        formatDate(c.getValue())
      ),
  }),
]);

type Filter = InvoiceStatus | "all";
const filterOptions: { value: Filter; label: string }[] = [
  { value: "all", label: "All" },
  ...invoiceStatuses.map((s) => ({ value: s, label: invoiceStatusLabel[s] })),
];

/** The partner's invoices, newest first, filtered by status (`?status=` in the URL, so a view can be linked). */
export function InvoicesList() {
  const [status, setStatus] = useQueryState("status", parseAsStringLiteral(invoiceStatuses));
  const list = usePagedList<Invoice>([...billingKey, "invoices"], "/billing/invoices", { status: status ?? undefined });
  return (
    <Card
      title="Invoices"
      actions={<Segmented label="Filter by status" options={filterOptions} value={status ?? "all"} onChange={(v) => void setStatus(v === "all" ? null : v)} />}
    >
      {list.isPending ? (
        <LoadingState label="Loading invoices…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        status ? (
          <EmptyState title={`No ${invoiceStatusLabel[status].toLowerCase()} invoices`}>Choose another status, or All, to see the rest.</EmptyState>
        ) : (
          <EmptyState title="No invoices yet">
            Your first invoice is issued on the 1st of next month, for this month&apos;s fees and usage. Until then, the upcoming invoice above shows it building up.
          </EmptyState>
        )
      ) : (
        <div aria-busy={list.isFetching && list.isPlaceholderData}>
          <DataTable label="Invoices" columns={columns} data={list.data.data} getRowId={(i) => i.id} rowProps={(i) => ({ "data-testid": `invoice-row-${i.number}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </div>
      )}
    </Card>
  );
}
