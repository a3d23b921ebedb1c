"use client";

import { Eye, Power, PowerOff, RotateCw, Send, Trash2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Td } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { EventTypesCell } from "./event-types-cell";
import type { Endpoint, EndpointStats } from "./types";

export type EndpointAction = "test" | "reveal" | "rotate" | "toggle" | "delete";

export const endpointHead = [
  "URL",
  { header: "Events", hide: "lg" as const },
  "Status",
  { header: "Success rate", hide: "lg" as const },
  { header: "p50", hide: "2xl" as const },
  { header: "Last success", hide: "xl" as const },
  { header: "Actions", srOnly: true },
];

/** How an endpoint is named to people: its description when it has one, else its URL without the scheme. */
export function endpointName(e: Pick<Endpoint, "url" | "description">): string {
  return e.description?.trim() || e.url.replace(/^https?:\/\//, "");
}

export function EndpointRow({
  endpoint: e,
  stats,
  canWrite,
  busy,
  onAction,
}: {
  endpoint: Endpoint;
  stats?: EndpointStats;
  canWrite: boolean;
  busy: boolean;
  onAction: (a: EndpointAction) => void;
}) {
  return (
    <tr data-testid={`endpoint-row-${e.id}`}>
      <Td primary>
        <code className="block max-w-[16rem] truncate font-mono text-xs text-slate-900" title={e.url}>
          {e.url}
        </code>
        {e.description && <span className="block max-w-[16rem] truncate text-xs text-slate-600">{e.description}</span>}
      </Td>
      <Td label="Events" hide="lg">
        <EventTypesCell types={e.eventTypes} />
      </Td>
      <Td label="Status">
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
      </Td>
      <Td label="Success rate" hide="lg">
        {stats && stats.attempts > 0 ? (
          <span>
            {(stats.successRate * 100).toFixed(stats.successRate === 1 ? 0 : 1)}%
            <span className="block text-xs text-slate-600">{stats.attempts} attempts</span>
          </span>
        ) : (
          <span className="text-slate-600">—</span>
        )}
      </Td>
      <Td label="p50" hide="2xl">
        {stats?.p50Ms != null ? (
          <span>
            {stats.p50Ms} ms
            {stats.p95Ms != null && <span className="block text-xs text-slate-600">p95 {stats.p95Ms} ms</span>}
          </span>
        ) : (
          <span className="text-slate-600">—</span>
        )}
      </Td>
      <Td label="Last success" hide="xl">
        <Time value={e.lastSuccessAt} fallback="never" />
      </Td>
      <Td actions>
        {canWrite && (
          <RowActions label={`Actions for ${endpointName(e)}`}>
            <DropdownMenuItem disabled={busy || e.status !== "enabled"} onSelect={() => onAction("test")}>
              <Send aria-hidden /> Send test event
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => onAction("reveal")}>
              <Eye aria-hidden /> Reveal secret
            </DropdownMenuItem>
            {e.status === "disabled" && (
              <DropdownMenuItem disabled={busy} onSelect={() => onAction("toggle")}>
                <Power aria-hidden /> Enable
              </DropdownMenuItem>
            )}
            <DropdownMenuSeparator />
            <DropdownMenuItem destructive onSelect={() => onAction("rotate")}>
              <RotateCw aria-hidden /> Rotate secret…
            </DropdownMenuItem>
            {e.status === "enabled" && (
              <DropdownMenuItem destructive disabled={busy} onSelect={() => onAction("toggle")}>
                <PowerOff aria-hidden /> Disable…
              </DropdownMenuItem>
            )}
            <DropdownMenuItem destructive onSelect={() => onAction("delete")}>
              <Trash2 aria-hidden /> Delete…
            </DropdownMenuItem>
          </RowActions>
        )}
      </Td>
    </tr>
  );
}

