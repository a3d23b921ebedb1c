"use client";

import { Eye, Power, PowerOff, RotateCw, Send, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Time } from "@/components/ui/time";
import { EventTypesCell } from "./event-types-cell";
import type { Endpoint, EndpointStats } from "./types";

export type EndpointAction = "test" | "reveal" | "rotate" | "toggle" | "delete";

/** How an endpoint is named to people: its description when it has one, else its URL without the scheme. */
export function endpointName(e: Pick<Endpoint, "url" | "description">): string {
  return e.description?.trim() || e.url.replace(/^https?:\/\//, "");
}

/** What the endpoints table's cells read from the list (the DataTable's `meta`). */
export type EndpointTableMeta = {
  /** The viewer may test, reveal, rotate, enable, disable and delete endpoints. */
  canWrite: boolean;
  /** Delivery statistics of an endpoint, when loaded. */
  statsFor: (endpointId: string) => EndpointStats | undefined;
  /** A test or an enable of this endpoint is in flight. */
  isBusy: (e: Endpoint) => boolean;
  onAction: (e: Endpoint, a: EndpointAction) => void;
};

const col = dataColumnHelper<Endpoint, EndpointTableMeta>();

/** The columns of a webhook endpoint's row. */
export const endpointColumns = col.columns([
  col.accessor("url", {
    header: "URL",
    meta: { primary: true },
    cell: ({ row: { original: e } }) => (
      <>
        <code className="block max-w-[16rem] truncate font-mono text-xs text-slate-900" title={e.url}>
          {e.url}
        </code>
        {e.description && <span className="block max-w-[16rem] truncate text-xs text-slate-600">{e.description}</span>}
      </>
    ),
  }),
  col.accessor("eventTypes", {
    header: "Events",
    meta: { hide: "lg" },
    cell: (c) => <EventTypesCell types={c.getValue()} />,
  }),
  col.accessor("status", {
    header: "Status",
    cell: ({ row: { original: e } }) => (
      <>
        <Badge>{e.status}</Badge>
        {e.status === "disabled" && e.disabledReason && (
          <span className="block max-w-[12rem] truncate text-xs text-slate-600" title={e.disabledReason}>
            {e.disabledReason}
          </span>
        )}
        {e.status === "enabled" && e.failingSince && (
          <span className="block text-xs text-red-700">
            failing since <Time value={e.failingSince} />
          </span>
        )}
        {e.secretRotating && <span className="block text-xs text-amber-800">secret rotating</span>}
      </>
    ),
  }),
  col.display({
    id: "successRate",
    header: "Success rate",
    meta: { hide: "lg" },
    cell: ({ row: { original: e }, table }) => {
      const stats = tableMeta(table).statsFor(e.id);
      return stats && stats.attempts > 0 ? (
        <span>
          {(stats.successRate * 100).toFixed(stats.successRate === 1 ? 0 : 1)}%
          <span className="block text-xs text-slate-600">{stats.attempts} attempts</span>
        </span>
      ) : (
        <span className="text-slate-600">—</span>
      );
    },
  }),
  col.display({
    id: "p50",
    header: "p50",
    meta: { hide: "2xl" },
    cell: ({ row: { original: e }, table }) => {
      const stats = tableMeta(table).statsFor(e.id);
      return stats?.p50Ms != null ? (
        <span>
          {stats.p50Ms} ms
          {stats.p95Ms != null && <span className="block text-xs text-slate-600">p95 {stats.p95Ms} ms</span>}
        </span>
      ) : (
        <span className="text-slate-600">—</span>
      );
    },
  }),
  col.accessor("lastSuccessAt", {
    header: "Last success",
    meta: { hide: "xl" },
    cell: (c) => <Time value={c.getValue()} fallback="never" />,
  }),
  col.display({
    id: "actions",
    header: "Actions",
    meta: { actions: true, srOnly: true },
    cell: ({ row: { original: e }, table }) => {
      const { canWrite, isBusy, onAction } = tableMeta(table);
      if (!canWrite) return null;
      const busy = isBusy(e);
      return (
        <RowActions label={`Actions for ${endpointName(e)}`}>
          <DropdownMenuItem disabled={busy || e.status !== "enabled"} onSelect={() => onAction(e, "test")}>
            <Send aria-hidden /> Send test event
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => onAction(e, "reveal")}>
            <Eye aria-hidden /> Reveal secret
          </DropdownMenuItem>
          {e.status === "disabled" && (
            <DropdownMenuItem disabled={busy} onSelect={() => onAction(e, "toggle")}>
              <Power aria-hidden /> Enable
            </DropdownMenuItem>
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem destructive onSelect={() => onAction(e, "rotate")}>
            <RotateCw aria-hidden /> Rotate secret…
          </DropdownMenuItem>
          {e.status === "enabled" && (
            <DropdownMenuItem destructive disabled={busy} onSelect={() => onAction(e, "toggle")}>
              <PowerOff aria-hidden /> Disable…
            </DropdownMenuItem>
          )}
          <DropdownMenuItem destructive onSelect={() => onAction(e, "delete")}>
            <Trash2 aria-hidden /> Delete…
          </DropdownMenuItem>
        </RowActions>
      );
    },
  }),
]);
