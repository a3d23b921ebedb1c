"use client";

import { Ban, CircleCheck, FileDown, FileSpreadsheet } from "lucide-react";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Time } from "@/components/ui/time";
import { formatCents } from "@/lib/billing/money";
import type { Invoice } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { invoiceActionsFor, type InvoiceAction } from "./record-actions";
import { InvoiceStatusBadge } from "../status-badges";

/** What the invoices table's cells read from the list. */
export type InvoiceTableMeta = {
  partnerName: (id: string) => string;
  onAct: (acting: InvoiceAction) => void;
};

const col = dataColumnHelper<Invoice, InvoiceTableMeta>();

export const invoiceColumns = col.columns([
  col.accessor("number", {
    header: "Invoice",
    meta: { primary: true },
    cell: (c) => <span className="font-mono text-xs font-medium text-slate-900">{c.getValue()}</span>,
  }),
  col.accessor("partnerId", { header: "Partner", meta: { wrap: true }, cell: (c) => tableMeta(c.table).partnerName(c.getValue()) }),
  col.accessor("period", { header: "Period", cell: (c) => formatPeriodShort(c.getValue()) }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row: { original: i } }) => (
      <>
        <InvoiceStatusBadge status={i.status} />
        {i.status === "paid" && i.paymentReference && (
          <span className="block max-w-[12rem] truncate text-xs text-slate-600" title={i.paymentReference}>
            Ref. {i.paymentReference}
          </span>
        )}
        {i.status === "void" && i.voidReason && (
          <span className="block max-w-[12rem] truncate text-xs text-slate-600" title={i.voidReason}>
            {i.voidReason}
          </span>
        )}
      </>
    ),
  }),
  col.accessor("totalCents", {
    header: "Total",
    meta: { className: "md:text-right", headerClassName: "text-right" },
    cell: ({ row: { original: i } }) => <span className="tabular-nums text-slate-900">{formatCents(i.totalCents, i.currency)}</span>,
  }),
  col.accessor("issuedAt", { header: "Issued", meta: { hide: "xl" }, cell: (c) => <Time value={c.getValue()} /> }),
  col.accessor("dueAt", { header: "Due", meta: { hide: "lg" }, cell: (c) => <Time value={c.getValue()} /> }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: i }, table }) => {
      const { onAct } = tableMeta(table);
      const can = invoiceActionsFor(i.status);
      return (
        <RowActions label={`Actions for ${i.number}`}>
          <DropdownMenuItem asChild>
            <a href={`/api/v1/billing/invoices/${i.id}?format=pdf`} download>
              <FileDown aria-hidden className="size-4" /> Download PDF
            </a>
          </DropdownMenuItem>
          <DropdownMenuItem asChild>
            <a href={`/api/v1/billing/invoices/${i.id}?format=csv`} download>
              <FileSpreadsheet aria-hidden className="size-4" /> Download CSV of lines
            </a>
          </DropdownMenuItem>
          {can.markPaid && (
            <DropdownMenuItem onSelect={() => onAct({ invoice: i, action: "mark-paid" })}>
              <CircleCheck aria-hidden className="size-4" /> Mark paid…
            </DropdownMenuItem>
          )}
          {can.void && (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem destructive onSelect={() => onAct({ invoice: i, action: "void" })}>
                <Ban aria-hidden className="size-4" /> Void…
              </DropdownMenuItem>
            </>
          )}
        </RowActions>
      );
    },
  }),
]);
