"use client";

import { dataColumnHelper, RowOpenButton, tableMeta } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { EventTargetName } from "./event-detail-sheet";
import type { PlatformEvent } from "./types";

/** What the recent events table's cells read from the list (the DataTable's `meta`). */
export type EventTableMeta = {
  /** Opens the event's detail sheet. */
  onOpen: (id: string) => void;
};

const col = dataColumnHelper<PlatformEvent, EventTableMeta>();

export const eventColumns = col.columns([
  col.accessor("type", {
    header: "Type",
    meta: { primary: true },
    cell: ({ row: { original: ev }, table }) => {
      const { onOpen } = tableMeta(table);
      return (
        <RowOpenButton onOpen={() => onOpen(ev.id)}>{ev.type}</RowOpenButton>
      );
    },
  }),
  col.display({
    id: "target",
    header: "Target",
    cell: ({ row: { original: ev } }) => (
      <span className="text-xs">
        <EventTargetName event={ev} />
      </span>
    ),
  }),
  col.accessor("id", {
    header: "Event id",
    meta: { hide: "lg" },
    cell: (c) => (
      <span className="font-mono text-xs text-slate-600" title={c.getValue()}>
        {c.getValue().slice(0, 8)}…
      </span>
    ),
  }),
  col.accessor("createdAt", {
    header: "Published",
    cell: (c) => <Time value={c.getValue()} />,
  }),
]);
