"use client";

import { Badge } from "@/components/ui/badge";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import type { EventDelivery } from "./types";

const col = dataColumnHelper<EventDelivery>();

const eventDeliveryColumns = col.columns([
  col.accessor("partnerName", {
    header: "Partner and endpoint",
    meta: { primary: true, wrap: true },
    cell: ({ row: { original: d } }) => (
      <>
        <span className="block font-medium text-slate-900">{d.partnerName ?? "Deleted partner"}</span>
        {d.endpointDescription && <span className="block text-xs text-slate-700">{d.endpointDescription}</span>}
        <code className="block font-mono text-xs text-slate-600 [overflow-wrap:anywhere]">{d.endpointUrl ?? "Deleted endpoint"}</code>
      </>
    ),
  }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row: { original: d } }) => (
      <>
        <Badge>{d.status}</Badge>
        {d.lastError && d.status !== "succeeded" && (
          <span className="block max-w-[14rem] text-xs whitespace-normal text-slate-600 [overflow-wrap:anywhere]">{d.lastError}</span>
        )}
      </>
    ),
  }),
  col.accessor("attempts", {
    header: "Attempts",
    meta: { className: "tabular-nums" },
    cell: (c) => c.getValue(),
  }),
  col.accessor("lastResponseStatus", {
    header: "Last response",
    meta: { hide: "lg", className: "tabular-nums" },
    cell: (c) => c.getValue() ?? <span className="text-slate-600">—</span>,
  }),
  col.accessor("nextAttemptAt", {
    header: "Next attempt",
    cell: (c) => <Time value={c.getValue()} />,
  }),
]);

/** An event's deliveries, by partner and endpoint name. */
export function EventDeliveriesTable({ deliveries }: { deliveries: EventDelivery[] }) {
  return (
    <DataTable
      label="Deliveries"
      columns={eventDeliveryColumns}
      data={deliveries}
      getRowId={(d) => d.id}
      rowProps={(d) => ({ "data-testid": `event-delivery-${d.id}` })}
    />
  );
}
