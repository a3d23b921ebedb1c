"use client";

import { dataColumnHelper } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { formatDuration, formatSummary } from "./format";
import { RunStatusBadge } from "./run-status-badge";
import type { JobRun } from "./types";

const col = dataColumnHelper<JobRun>();

export const runColumns = col.columns([
  col.accessor("job", {
    header: "Job",
    meta: { primary: true },
    cell: (c) => <span className="font-mono text-xs text-slate-900">{c.getValue()}</span>,
  }),
  col.accessor("slot", { header: "Slot", cell: (c) => <Time value={c.getValue()} /> }),
  col.accessor("startedAt", { header: "Started", meta: { hide: "xl" }, cell: (c) => <Time value={c.getValue()} /> }),
  col.accessor("finishedAt", { header: "Finished", meta: { hide: "2xl" }, cell: (c) => <Time value={c.getValue()} fallback="—" /> }),
  col.accessor("durationMs", { header: "Duration", cell: (c) => <span className="tabular-nums">{formatDuration(c.getValue())}</span> }),
  col.accessor("status", { header: "Status", cell: (c) => <RunStatusBadge status={c.getValue()} /> }),
  col.accessor("summary", {
    header: "Summary",
    meta: { wrap: true, hide: "lg" },
    cell: (c) => <span className="text-xs text-slate-700">{formatSummary(c.getValue())}</span>,
  }),
  col.accessor("error", {
    header: "Error",
    meta: { wrap: true },
    cell: (c) => {
      const error = c.getValue();
      return error ? (
        <span className="line-clamp-3 break-words text-xs text-red-700" title={error}>
          {error}
        </span>
      ) : (
        <span className="text-xs text-slate-500">—</span>
      );
    },
  }),
]);
