"use client";

import { Badge } from "@/components/ui/badge";
import { dataColumnHelper, RowOpenButton, tableMeta } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { endpointName } from "./endpoint-row";
import type { Delivery, Endpoint } from "./types";

/** A delivery that can be retried (and so selected for "Retry selected"). */
export const retryable = (d: Delivery) => d.status === "failed" || d.status === "dead";

/** What the delivery log's cells read from the list (the DataTable's `meta`). */
export type DeliveryTableMeta = {
  endpointById: (id: string) => Endpoint | undefined;
  /** Opens the delivery's detail sheet. */
  onOpen: (id: string) => void;
  /** Selection for "Retry selected" (only read by `selectableDeliveryColumns`). */
  selected?: string[];
  /** Some delivery on the page is retryable. */
  canSelectAll?: boolean;
  /** Every retryable delivery on the page is selected. */
  allSelected?: boolean;
  onSelectAll?: (on: boolean) => void;
  onSelect?: (id: string, on: boolean) => void;
};

const col = dataColumnHelper<Delivery, DeliveryTableMeta>();

/** The delivery log's columns, for a viewer who cannot retry. */
export const deliveryColumns = col.columns([
  col.accessor("eventType", {
    header: "Event type",
    meta: { primary: true },
    cell: ({ row: { original: d }, table }) => {
      const { onOpen } = tableMeta(table);
      return (
        <>
          <RowOpenButton onOpen={() => onOpen(d.id)}>{d.eventType}</RowOpenButton>
          {d.isTest && <span className="ml-2 text-xs text-slate-600">test</span>}
        </>
      );
    },
  }),
  col.accessor("endpointId", {
    header: "Endpoint",
    cell: (c) => {
      const ep = tableMeta(c.table).endpointById(c.getValue());
      // The description names it; else the URL without the scheme (the full URL is in the tooltip and the detail).
      return (
        <span className="block max-w-[14rem] truncate text-xs" title={ep?.url}>
          {ep ? endpointName(ep) : "—"}
        </span>
      );
    },
  }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row: { original: d } }) => (
      <>
        <Badge>{d.status}</Badge>
        {d.lastError && d.status !== "succeeded" && (
          <span className="block max-w-[11rem] truncate text-xs text-slate-600" title={d.lastError}>
            {d.lastError}
          </span>
        )}
        {/* The hidden Next attempt column, in short, while it is hidden from the table. */}
        {d.nextAttemptAt && (
          <span className="hidden text-xs text-slate-600 md:block 2xl:hidden">
            next <Time value={d.nextAttemptAt} />
          </span>
        )}
      </>
    ),
  }),
  col.accessor("attempts", {
    header: "Attempts",
    meta: { hide: "lg", className: "tabular-nums" },
    cell: (c) => c.getValue(),
  }),
  col.accessor("lastResponseStatus", {
    header: "Response",
    meta: { hide: "2xl", className: "tabular-nums" },
    cell: (c) => c.getValue() ?? <span className="text-slate-600">—</span>,
  }),
  col.accessor("nextAttemptAt", {
    header: "Next attempt",
    meta: { hide: "2xl" },
    cell: (c) => <Time value={c.getValue()} />,
  }),
  col.accessor("createdAt", {
    header: "Created",
    cell: (c) => <Time value={c.getValue()} />,
  }),
]);

/** The delivery log's columns for a viewer who can retry: a checkbox first, to select retryable deliveries. */
export const selectableDeliveryColumns = col.columns([
  col.display({
    id: "select",
    header: ({ table }) => {
      const { canSelectAll, allSelected, onSelectAll } = tableMeta(table);
      return (
        <input
          type="checkbox"
          aria-label="Select all retryable deliveries"
          disabled={!canSelectAll}
          checked={!!allSelected}
          onChange={(e) => onSelectAll?.(e.target.checked)}
        />
      );
    },
    meta: { actions: true, headerClassName: "w-10", className: "md:w-10 md:text-left" },
    cell: ({ row: { original: d }, table }) => {
      const { selected, onSelect, endpointById } = tableMeta(table);
      if (!retryable(d)) return null;
      const ep = endpointById(d.endpointId);
      return (
        <input
          type="checkbox"
          aria-label={`Select ${d.eventType} delivery to ${ep ? endpointName(ep) : "endpoint"}`}
          checked={!!selected?.includes(d.id)}
          className="max-md:m-2.5"
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => onSelect?.(d.id, e.target.checked)}
        />
      );
    },
  }),
  ...deliveryColumns,
]);
