"use client";

import Link from "next/link";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { parseAsId } from "@/components/url-state/parsers";
import { IntegrationStatusBadge, statusLabels } from "./integration-status";
import { errorRate, percent, useMetrics } from "./queries";
import { integrationStatuses, type Integration } from "./types";

export const ERROR_RATE_DAYS = 30;

/** The install's error rate over the last 30 days, from its metrics (read per row, cached with its page's). */
function ErrorRateCell({ id }: { id: string }) {
  const metrics = useMetrics(id, ERROR_RATE_DAYS, { poll: false });
  if (metrics.isPending) return <span className="text-slate-600">…</span>;
  if (metrics.isError) return <span className="text-slate-600">—</span>;
  const rate = errorRate(metrics.data.rows);
  const requests = metrics.data.rows.reduce((n, r) => n + (r.requests ?? 0), 0);
  return (
    <span className={rate !== null && rate >= 0.05 ? "font-medium text-red-700" : undefined} title={`${requests.toLocaleString("en-US")} requests in ${ERROR_RATE_DAYS} days`}>
      {percent(rate)}
    </span>
  );
}

const col = dataColumnHelper<Integration>();
const columns = col.columns([
  col.display({
    id: "account",
    header: "Account",
    cell: ({ row }) => (
      <Link href={`/installs/${row.original.id}`} className="break-words font-medium text-slate-900 hover:underline">
        {row.original.account.name}
      </Link>
    ),
    meta: { primary: true },
  }),
  col.display({ id: "app", header: "App", cell: ({ row }) => row.original.application.name }),
  col.accessor("status", { header: "Status", cell: (c) => <IntegrationStatusBadge status={c.getValue()} /> }),
  col.accessor("lastHealthCheckAt", { header: "Last check", cell: (c) => <Time value={c.getValue()} fallback="Never" />, meta: { hide: "lg" } }),
  col.accessor("consecutiveFailures", {
    header: "Failures in a row",
    cell: (c) => <span className={c.getValue() >= 3 ? "font-medium text-red-700" : undefined}>{c.getValue()}</span>,
    meta: { className: "tabular-nums", hide: "xl" },
  }),
  col.display({ id: "errorRate", header: "Error rate", cell: ({ row }) => <ErrorRateCell id={row.original.id} />, meta: { className: "tabular-nums", label: `Error rate, ${ERROR_RATE_DAYS} days` } }),
]);

const parsers = { status: parseAsStringLiteral(integrationStatuses), app: parseAsId };

/** Installs of the partner's apps in customers' accounts, by app and status (`?app=&status=` in the URL). */
export function PartnerInstallsList({ apps }: { apps: { applicationId: string; name: string }[] }) {
  const [{ status, app }, setView] = useQueryStates(parsers);
  const list = usePagedList<Integration>(["integrations", "partner"], "/integrations", { status: status ?? undefined, applicationId: app ?? undefined });
  const filtered = !!(status || app);
  return (
    <Card
      title="Installs"
      actions={
        <>
          <div className="w-full sm:w-56">
            <Select aria-label="Filter by app" value={app ?? ""} onChange={(e) => void setView({ app: e.target.value || null })}>
              <option value="">All apps</option>
              {apps.map((a) => (
                <option key={a.applicationId} value={a.applicationId}>
                  {a.name}
                </option>
              ))}
            </Select>
          </div>
          <div className="w-full sm:w-44">
            <Select aria-label="Filter by status" value={status ?? ""} onChange={(e) => void setView({ status: (e.target.value || null) as Integration["status"] | null })}>
              <option value="">All statuses</option>
              {integrationStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabels[s]}
                </option>
              ))}
            </Select>
          </div>
        </>
      }
    >
      {list.isPending ? (
        <LoadingState label="Loading installs…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        filtered ? (
          <EmptyState title="No installs match">Choose another app or status to see the rest.</EmptyState>
        ) : (
          <EmptyState
            title="No installs yet"
            action={
              <Link href="/listings" className="inline-flex rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
                Your listings
              </Link>
            }
          >
            When an agency installs one of your apps from the marketplace, the install shows here with its health and error rate.
          </EmptyState>
        )
      ) : (
        <>
          <DataTable label="Installs" columns={columns} data={list.data.data} getRowId={(i) => i.id} rowProps={(i) => ({ "data-testid": `install-row-${i.id}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
