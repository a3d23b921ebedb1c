"use client";

import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { parseAsSearch } from "@/components/url-state/parsers";
import { jobKeys, useScheduledJobs } from "./queries";
import { runColumns } from "./run-columns";
import { jobRunStatuses, type JobRun, type JobRunStatus } from "./types";

export function RunsCard() {
  // Filters live in the URL (`?job=…&status=failed`): a filtered list can be linked and survives reload.
  const [{ job, status }, setView] = useQueryStates({ job: parseAsSearch, status: parseAsStringLiteral(jobRunStatuses) });
  const jobs = useScheduledJobs();
  const list = usePagedList<JobRun>([...jobKeys.runs], "/jobs/runs", { job: job || undefined, status: status || undefined }, 20, { refetchInterval: 15_000 });
  const filtered = !!(job || status);

  return (
    <Card title="Runs">
      <div className="mb-4 flex flex-wrap gap-3">
        <Select aria-label="Filter by job" value={job ?? ""} onChange={(e) => setView({ job: e.target.value || null })} className="max-w-xs">
          <option value="">All jobs</option>
          {jobs.data?.data.map((j) => (
            <option key={j.id} value={j.id}>
              {j.id}
            </option>
          ))}
        </Select>
        <Select
          aria-label="Filter by status"
          value={status ?? ""}
          onChange={(e) => setView({ status: (e.target.value || null) as JobRunStatus | null })}
          className="max-w-[12rem]"
        >
          <option value="">All statuses</option>
          {jobRunStatuses.map((s) => (
            <option key={s} value={s}>
              {s[0].toUpperCase() + s.slice(1)}
            </option>
          ))}
        </Select>
      </div>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={filtered ? "No runs match" : "No runs yet"}>
          {filtered ? "Try another job or status." : "Runs appear here as their slots come round."}
        </EmptyState>
      ) : (
        <>
          <DataTable label="Scheduled job runs" columns={runColumns} data={list.data.data} getRowId={(r) => r.id} rowProps={(r) => ({ "data-testid": `run-${r.id}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
