"use client";

import { numberFormat } from "@/components/keys/format";
import type { UsageSeries } from "@/components/keys/types";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";

export type RouteGroupUsage = NonNullable<UsageSeries["byRouteGroup"]>[number];

/** What the route group table's cells read from the dashboard (the DataTable's `meta`). */
export type RouteGroupTableMeta = {
  /** Calls of all route groups: each row's share is of this. */
  total: number;
};

const col = dataColumnHelper<RouteGroupUsage, RouteGroupTableMeta>();

export const routeGroupColumns = col.columns([
  col.accessor("routeGroup", {
    header: "Route group",
    meta: { primary: true },
    cell: (c) => <code className="font-mono text-xs text-slate-800">{c.getValue()}</code>,
  }),
  col.accessor("calls", {
    header: "Calls",
    meta: { className: "tabular-nums" },
    cell: (c) => numberFormat.format(c.getValue()),
  }),
  col.display({
    id: "share",
    header: "Share",
    meta: { className: "md:w-1/2" },
    cell: ({ row: { original: g }, table }) => {
      const { total } = tableMeta(table);
      const share = total ? g.calls / total : 0;
      return (
        <span className="flex items-center gap-2">
          <span className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100">
            <span className="block h-full rounded-full bg-brand-500" style={{ width: `${Math.max(share * 100, 1)}%` }} />
          </span>
          <span className="w-12 text-right text-xs tabular-nums text-slate-600">{(share * 100).toFixed(1)}%</span>
        </span>
      );
    },
  }),
]);
