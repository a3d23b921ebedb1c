"use client";

import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { integrationKey } from "./queries";
import type { IntegrationError } from "./types";

const col = dataColumnHelper<IntegrationError>();
const columns = col.columns([
  col.accessor("occurredAt", { header: "When", cell: (c) => <Time value={c.getValue()} />, meta: { primary: true } }),
  col.accessor("source", { header: "Source", cell: (c) => (c.getValue() === "health_check" ? "Health check" : "API call"), meta: { hide: "lg" } }),
  col.accessor("code", {
    header: "Code",
    cell: (c) => (
      <code className="font-mono text-xs text-slate-800">
        {c.getValue()}
        {c.row.original.httpStatus ? ` · ${c.row.original.httpStatus}` : ""}
      </code>
    ),
  }),
  col.accessor("message", { header: "Message", meta: { wrap: true, className: "max-w-lg break-words" } }),
  col.accessor("requestId", {
    header: "Request id",
    cell: (c) => {
      const id = c.getValue();
      if (!id) return "—";
      return (
        <span className="inline-flex items-center gap-2">
          <code className="font-mono text-xs text-slate-700">{id}</code>
          <CopyButton value={id} variant="ghost" name={`Copy request id ${id}`} />
        </span>
      );
    },
    meta: { hide: "xl" },
  }),
]);

/** Failed health checks and API errors of the integration, newest first. */
export function ErrorsTable({ integrationId, side }: { integrationId: string; side: "customer" | "partner" }) {
  const list = usePagedList<IntegrationError>([...integrationKey(integrationId), "errors"], `/integrations/${integrationId}/errors`, {}, 10, {
    refetchInterval: 60_000,
  });
  return (
    <Card title="Errors">
      {list.isPending ? (
        <LoadingState label="Loading errors…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No errors">
          {side === "customer"
            ? "Failed health checks and failed API calls of this app show here, with a request id to give its developer."
            : "Failed health checks and failed API calls made with this install's tokens show here, with their request ids."}
        </EmptyState>
      ) : (
        <>
          <DataTable
            columns={columns}
            data={list.data.data}
            label="Errors"
            getRowId={(r) => r.id}
            rowProps={() => ({ "data-testid": "integration-error-row" })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
