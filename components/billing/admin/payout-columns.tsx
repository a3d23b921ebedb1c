"use client";

import { Button } from "@/components/ui/button";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { formatCents } from "@/lib/billing/money";
import type { Payout } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { payoutActionsFor, type PayoutAction } from "./record-actions";
import { PayoutStatusBadge } from "../status-badges";

/** What the payout tables' cells read from the list; without `onAct` the table is read-only. */
export type PayoutTableMeta = {
  partnerName: (id: string) => string;
  onAct?: (acting: PayoutAction) => void;
};

const col = dataColumnHelper<Payout, PayoutTableMeta>();
const money = (cents: number, p: Payout) => <span className="tabular-nums">{formatCents(cents, p.currency)}</span>;
const right = { className: "md:text-right", headerClassName: "text-right" };

const common = [
  col.accessor("partnerId", {
    header: "Partner",
    meta: { primary: true, wrap: true },
    cell: (c) => <span className="font-medium text-slate-900">{tableMeta(c.table).partnerName(c.getValue())}</span>,
  }),
  col.accessor("period", { header: "Period", cell: (c) => formatPeriodShort(c.getValue()) }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row: { original: p } }) => (
      <>
        <PayoutStatusBadge status={p.status} />
        {p.status === "paid" && p.reference && (
          <span className="block max-w-[12rem] truncate text-xs text-slate-600" title={p.reference}>
            Ref. {p.reference}
          </span>
        )}
        {p.status === "failed" && p.failureReason && (
          <span className="block max-w-[12rem] truncate text-xs text-red-700" title={p.failureReason}>
            {p.failureReason}
          </span>
        )}
      </>
    ),
  }),
  col.accessor("grossCents", { header: "Gross", meta: { ...right, hide: "xl" }, cell: ({ row: { original: p } }) => money(p.grossCents, p) }),
  col.accessor("platformShareCents", { header: "Platform share", meta: { ...right, hide: "xl" }, cell: ({ row: { original: p } }) => money(p.platformShareCents, p) }),
  col.accessor("carriedForwardCents", { header: "Carried in", meta: { ...right, hide: "2xl" }, cell: ({ row: { original: p } }) => money(p.carriedForwardCents, p) }),
  col.accessor("amountCents", {
    header: "Amount",
    meta: right,
    cell: ({ row: { original: p } }) => <span className="font-medium text-slate-900">{money(p.amountCents, p)}</span>,
  }),
  col.accessor("createdAt", { header: "Created", meta: { hide: "lg" }, cell: (c) => <Time value={c.getValue()} /> }),
];

export const payoutColumns = col.columns(common);

/** The queue: every waiting payout with its two actions as buttons (the work of the page). */
export const payoutQueueColumns = col.columns([
  ...common,
  col.display({
    id: "actions",
    header: "Actions",
    meta: { srOnly: true, className: "md:text-right" },
    cell: ({ row: { original: p }, table }) => {
      const { onAct, partnerName } = tableMeta(table);
      const can = payoutActionsFor(p.status);
      if (!onAct) return null;
      const whose = ` ${partnerName(p.partnerId)} ${formatPeriodShort(p.period)}`;
      return (
        <span className="flex flex-wrap justify-end gap-2">
          {can.markPaid && (
            <Button size="sm" onClick={() => onAct({ payout: p, action: "mark-paid" })}>
              Mark paid<span className="sr-only">{whose}</span>
            </Button>
          )}
          {can.markFailed && (
            <Button size="sm" variant="dangerOutline" onClick={() => onAct({ payout: p, action: "mark-failed" })}>
              Mark failed…<span className="sr-only">{whose}</span>
            </Button>
          )}
        </span>
      );
    },
  }),
]);
