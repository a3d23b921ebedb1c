"use client";

import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { describeCron } from "./format";
import { useScheduledJobs } from "./queries";
import { RunStatusBadge } from "./run-status-badge";
import type { ScheduledJob } from "./types";

const col = dataColumnHelper<ScheduledJob>();

const scheduleColumns = col.columns([
  col.accessor("id", {
    header: "Job",
    meta: { primary: true, wrap: true },
    cell: ({ row: { original: j } }) => (
      <div>
        <p className="font-mono text-xs font-medium text-slate-900">{j.id}</p>
        <p className="mt-0.5 text-xs text-slate-600">{j.description}</p>
      </div>
    ),
  }),
  col.accessor("cron", {
    header: "Schedule",
    cell: (c) => (
      <span className="text-xs">
        {describeCron(c.getValue())} <code className="ml-1 rounded bg-slate-100 px-1 py-0.5 font-mono text-[11px] text-slate-700">{c.getValue()}</code>
      </span>
    ),
  }),
  col.accessor("nextSlot", { header: "Next slot", cell: (c) => <Time value={c.getValue()} /> }),
  col.accessor("lastRun", {
    header: "Last run",
    cell: (c) => {
      const run = c.getValue();
      if (!run) return <span className="text-xs text-slate-500">Never</span>;
      return (
        <span className="flex flex-wrap items-center gap-2 text-xs">
          <RunStatusBadge status={run.status} />
          <Time value={run.slot} />
        </span>
      );
    },
  }),
]);

export function SchedulesCard() {
  const jobs = useScheduledJobs();
  const mode = jobs.data?.mode;
  return (
    <Card title="Schedules" actions={mode && <span className="text-xs text-slate-600">{mode === "inngest" ? "Run by Inngest cron functions" : "Run by the embedded scheduler"}</span>}>
      {jobs.isPending ? (
        <LoadingState />
      ) : jobs.isError ? (
        <ErrorState error={jobs.error} onRetry={() => jobs.refetch()} />
      ) : jobs.data.data.length === 0 ? (
        <EmptyState title="No scheduled jobs" />
      ) : (
        <DataTable label="Scheduled jobs" columns={scheduleColumns} data={jobs.data.data} getRowId={(j) => j.id} rowProps={(j) => ({ "data-testid": `job-${j.id}` })} />
      )}
    </Card>
  );
}
