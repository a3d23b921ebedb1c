"use client";

import { formatDateTime, relativeTime } from "@/components/keys/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";
import { EventTypesCell } from "./event-types-cell";
import type { Endpoint, EndpointStats } from "./types";

export type EndpointAction = "test" | "reveal" | "rotate" | "toggle" | "delete";

export function EndpointRow({
  endpoint: e,
  stats,
  now,
  canWrite,
  busy,
  onAction,
}: {
  endpoint: Endpoint;
  stats?: EndpointStats;
  now: number;
  canWrite: boolean;
  busy: boolean;
  onAction: (a: EndpointAction) => void;
}) {
  return (
    <tr data-testid={`endpoint-row-${e.id}`}>
      <Td>
        <code className="block max-w-[14rem] truncate font-mono text-xs text-slate-900" title={e.url}>
          {e.url}
        </code>
        {e.description && <span className="block max-w-[14rem] truncate text-xs text-slate-500">{e.description}</span>}
      </Td>
      <Td>
        <EventTypesCell types={e.eventTypes} />
      </Td>
      <Td>
        <span title={e.disabledReason ?? undefined}>
          <Badge>{e.status}</Badge>
        </span>
        {e.status === "disabled" && e.disabledReason && (
          <span className="block max-w-[12rem] truncate text-xs text-slate-500" title={e.disabledReason}>
            {e.disabledReason}
          </span>
        )}
        {e.status === "enabled" && e.failingSince && (
          <span className="block text-xs text-red-700" title={formatDateTime(e.failingSince)}>
            failing since {relativeTime(e.failingSince, now)}
          </span>
        )}
        {e.secretRotating && <span className="block text-xs text-amber-800">secret rotating</span>}
      </Td>
      <Td>
        {stats && stats.attempts > 0 ? (
          <span title={`${stats.attempts} attempts`}>{(stats.successRate * 100).toFixed(stats.successRate === 1 ? 0 : 1)}%</span>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Td>
      <Td>
        {stats?.p50Ms != null ? (
          <span title={stats.p95Ms != null ? `p95 ${stats.p95Ms} ms` : undefined}>{stats.p50Ms} ms</span>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Td>
      <Td>
        {e.lastSuccessAt ? (
          <span title={formatDateTime(e.lastSuccessAt)}>{relativeTime(e.lastSuccessAt, now)}</span>
        ) : (
          <span className="text-slate-400">never</span>
        )}
      </Td>
      <Td className="text-right">
        {canWrite && (
          // Wraps onto a second line rather than pushing Rotate, Disable and Delete out of sight.
          <span className="ml-auto flex w-[12.5rem] flex-wrap justify-end gap-1">
            <Button size="sm" variant="secondary" disabled={busy || e.status !== "enabled"} onClick={() => onAction("test")}>
              Send test
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onAction("reveal")}>
              Reveal secret
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onAction("rotate")}>
              Rotate
            </Button>
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => onAction("toggle")}>
              {e.status === "enabled" ? "Disable" : "Enable"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onAction("delete")}>
              Delete
            </Button>
          </span>
        )}
      </Td>
    </tr>
  );
}
