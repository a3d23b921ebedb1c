"use client";

import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import type { ReviewQueueItem } from "@/lib/applications/schemas";
import { reviewKeys } from "./queries";
import { queueColumns } from "./queue-columns";

const queueStatuses = ["submitted", "in_review"] as const;

/** Submissions waiting for a reviewer, oldest first; the status filter lives in the URL (`?status=`). */
export function ReviewQueue() {
  const [{ status }, setView] = useQueryStates({ status: parseAsStringLiteral(queueStatuses) });
  const list = usePagedList<ReviewQueueItem>([...reviewKeys.queue], "/applications/review-queue", { status: status ?? undefined });

  return (
    <Card>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <Select
          aria-label="Filter by status"
          value={status ?? ""}
          onChange={(e) => setView({ status: (e.target.value || null) as (typeof queueStatuses)[number] | null })}
          className="max-w-[14rem]"
        >
          <option value="">Submitted and in review</option>
          <option value="submitted">Submitted</option>
          <option value="in_review">In review</option>
        </Select>
        <p className="text-sm text-slate-600">Oldest first. Waits over 2 days are flagged.</p>
      </div>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="Nothing waiting for review">
          {status ? "No submissions with this status. Show both statuses to see the whole queue." : "Submitted apps and new versions appear here."}
        </EmptyState>
      ) : (
        <>
          <DataTable
            label="Review queue"
            columns={queueColumns}
            data={list.data.data}
            getRowId={(item) => item.version.id}
            rowProps={(item) => ({ "data-testid": `review-row-${item.slug}` })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
