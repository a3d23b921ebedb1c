"use client";

import { Button } from "@/components/ui/button";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { formatCents } from "@/lib/billing/money";
import type { Invoice } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { daysOverdue } from "./billing-figures";

/** What the overdue list's cells read from the list. */
export type OverdueTableMeta = {
  partnerName: (id: string) => string;
  now: Date;
  onMarkPaid: (invoice: Invoice) => void;
};

const col = dataColumnHelper<Invoice, OverdueTableMeta>();

export const overdueColumns = col.columns([
  col.accessor("number", {
    header: "Invoice",
    meta: { primary: true },
    cell: (c) => <span className="font-mono text-xs font-medium text-slate-900">{c.getValue()}</span>,
  }),
  col.accessor("partnerId", { header: "Partner", meta: { wrap: true }, cell: (c) => tableMeta(c.table).partnerName(c.getValue()) }),
  col.accessor("period", { header: "Period", meta: { hide: "lg" }, cell: (c) => formatPeriodShort(c.getValue()) }),
  col.accessor("totalCents", {
    header: "Total",
    meta: { className: "md:text-right", headerClassName: "text-right" },
    cell: ({ row: { original: i } }) => <span className="tabular-nums text-slate-900">{formatCents(i.totalCents, i.currency)}</span>,
  }),
  col.accessor("dueAt", {
    header: "Days overdue",
    meta: { className: "md:text-right", headerClassName: "text-right" },
    cell: ({ row: { original: i }, table }) => {
      const days = daysOverdue(i.dueAt, tableMeta(table).now);
      return (
        <span className="tabular-nums text-red-700" data-testid="days-overdue">
          {days} {days === 1 ? "day" : "days"}
          <span className="sr-only">
            {" "}
            (due <Time value={i.dueAt} focusable={false} />)
          </span>
        </span>
      );
    },
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true, className: "md:w-32" },
    cell: ({ row: { original: i }, table }) => (
      <Button variant="secondary" size="sm" onClick={() => tableMeta(table).onMarkPaid(i)}>
        Mark paid<span className="sr-only"> {i.number}</span>
      </Button>
    ),
  }),
]);
