"use client";

import { dataColumnHelper, RowOpenButton, tableMeta } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { formatCents } from "@/lib/billing/money";
import type { BillingRun } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { RunStatusBadge } from "../status-badges";

/** What the runs table's cells read from the list. */
export type RunTableMeta = {
  partnerName: (id: string | null) => string;
  onFollow: (run: BillingRun) => void;
};

const col = dataColumnHelper<BillingRun, RunTableMeta>();
const right = { className: "md:text-right", headerClassName: "text-right" };

export const runColumns = col.columns([
  col.accessor("kind", {
    header: "Kind",
    meta: { primary: true },
    cell: ({ row: { original: r }, table }) => (
      <RowOpenButton onOpen={() => tableMeta(table).onFollow(r)}>
        {r.kind === "invoices" ? "Invoices" : "Payouts"}
        <span className="sr-only"> run for {formatPeriodShort(r.period)}: show progress</span>
      </RowOpenButton>
    ),
  }),
  col.accessor("period", { header: "Period", cell: (c) => formatPeriodShort(c.getValue()) }),
  col.accessor("partnerId", { header: "Partner", meta: { wrap: true }, cell: (c) => tableMeta(c.table).partnerName(c.getValue()) }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row: { original: r } }) => (
      <>
        <RunStatusBadge status={r.status} />
        {r.trigger === "schedule" && <span className="block text-xs text-slate-600">scheduled</span>}
      </>
    ),
  }),
  col.accessor("processedPartners", {
    header: "Processed",
    meta: right,
    cell: ({ row: { original: r } }) => (
      <span className="tabular-nums">
        {r.processedPartners}/{r.totalPartners ?? "?"}
      </span>
    ),
  }),
  col.accessor("createdCount", { header: "Created", meta: right, cell: (c) => <span className="tabular-nums">{c.getValue()}</span> }),
  col.accessor("amountCents", { header: "Amount", meta: right, cell: (c) => <span className="tabular-nums">{formatCents(c.getValue())}</span> }),
  col.accessor("startedAt", { header: "Started", meta: { hide: "xl" }, cell: (c) => <Time value={c.getValue()} /> }),
  col.accessor("finishedAt", { header: "Finished", meta: { hide: "2xl" }, cell: (c) => <Time value={c.getValue()} fallback="—" /> }),
  col.accessor("error", {
    header: "Error",
    meta: { wrap: true, hide: "lg" },
    cell: (c) => {
      const error = c.getValue();
      return error ? (
        <span className="line-clamp-3 break-words text-xs text-red-700" title={error}>
          {error}
        </span>
      ) : (
        <span className="text-xs text-slate-600">—</span>
      );
    },
  }),
]);
