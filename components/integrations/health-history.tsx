"use client";

import { usePagedList } from "@/components/api/use-paged-list";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { integrationKey } from "./queries";
import type { HealthCheck } from "./types";

const col = dataColumnHelper<HealthCheck>();
const columns = col.columns([
  col.accessor("checkedAt", { header: "Checked", cell: (c) => <Time value={c.getValue()} />, meta: { primary: true } }),
  col.accessor("healthy", {
    header: "Result",
    cell: (c) => <Badge tone={c.getValue() ? "green" : "red"}>{c.getValue() ? "healthy" : "unhealthy"}</Badge>,
  }),
  col.accessor("httpStatus", { header: "HTTP", cell: (c) => c.getValue() ?? "—", meta: { className: "tabular-nums" } }),
  col.accessor("latencyMs", { header: "Latency", cell: (c) => `${c.getValue()} ms`, meta: { className: "tabular-nums" } }),
  col.accessor("status", { header: "Status after", cell: (c) => (c.getValue() ? <Badge>{c.getValue()!}</Badge> : "—"), meta: { hide: "lg" } }),
  col.accessor("error", { header: "Error", cell: (c) => c.getValue() || "—", meta: { wrap: true, className: "max-w-md break-words" } }),
]);

/** Past health checks, newest first, a page at a time. */
export function HealthHistory({ integrationId }: { integrationId: string }) {
  const list = usePagedList<HealthCheck>([...integrationKey(integrationId), "health-checks"], `/integrations/${integrationId}/health-checks`, {}, 10, {
    refetchInterval: 60_000,
  });
  return (
    <Card title="Health check history">
      {list.isPending ? (
        <LoadingState label="Loading health checks…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No health checks yet">Checks run every 5 minutes once the app is connected and has a health check URL.</EmptyState>
      ) : (
        <>
          <DataTable columns={columns} data={list.data.data} label="Health check history" getRowId={(r) => r.id} rowProps={() => ({ "data-testid": "health-check-row" })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
