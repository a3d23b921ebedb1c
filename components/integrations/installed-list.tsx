"use client";

import Link from "next/link";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { ListingLogo } from "@/components/marketplace/browse-logo";
import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper, tableMeta } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import type { InstalledApp } from "@/lib/integrations/read-config-schema";
import { IntegrationStatusBadge, statusLabels } from "./integration-status";
import { integrationStatuses, type Integration } from "./types";

type Meta = { apps: Record<string, InstalledApp> };

const col = dataColumnHelper<Integration, Meta>();
const columns = col.columns([
  col.display({
    id: "app",
    header: "App",
    cell: ({ row, table }) => {
      const i = row.original;
      const app = tableMeta<Meta>(table).apps[i.application.id];
      return (
        <span className="flex min-w-0 items-center gap-3">
          <ListingLogo name={i.application.name} url={app?.logoUrl ?? null} size="sm" />
          <Link href={`/installed/${i.id}`} className="min-w-0 break-words font-medium text-slate-900 hover:underline">
            {i.application.name}
          </Link>
        </span>
      );
    },
    meta: { primary: true },
  }),
  col.display({ id: "partner", header: "Partner", cell: ({ row }) => row.original.partner.name, meta: { hide: "lg" } }),
  col.accessor("status", { header: "Status", cell: (c) => <IntegrationStatusBadge status={c.getValue()} /> }),
  col.accessor("lastHealthCheckAt", { header: "Last check", cell: (c) => <Time value={c.getValue()} fallback="Never" /> }),
  col.accessor("installedAt", { header: "Installed", cell: (c) => <Time value={c.getValue()} />, meta: { hide: "xl" } }),
]);

const parsers = { status: parseAsStringLiteral(integrationStatuses) };

/** The agency's installed apps, newest first, by status (`?status=` in the URL). */
export function InstalledList({ apps }: { apps: InstalledApp[] }) {
  const [{ status }, setView] = useQueryStates(parsers);
  const list = usePagedList<Integration>(["integrations", "account"], "/integrations", { status: status ?? undefined });
  const byId = Object.fromEntries(apps.map((a) => [a.applicationId, a]));
  return (
    <Card
      title="Your integrations"
      actions={
        <Select
          aria-label="Filter by status"
          value={status ?? ""}
          onChange={(e) => void setView({ status: (e.target.value || null) as Integration["status"] | null })}
          className="max-w-[12rem]"
        >
          <option value="">All statuses</option>
          {integrationStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </Select>
      }
    >
      {list.isPending ? (
        <LoadingState label="Loading your integrations…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        status ? (
          <EmptyState title={`No ${statusLabels[status].toLowerCase()} integrations`}>Choose another status to see the rest.</EmptyState>
        ) : (
          <EmptyState
            title="No apps installed yet"
            action={
              <Link href="/marketplace" className="inline-flex rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
                Browse the marketplace
              </Link>
            }
          >
            Apps you install from the marketplace show here, with their health, settings and field mappings.
          </EmptyState>
        )
      ) : (
        <>
          <DataTable
            label="Installed apps"
            columns={columns}
            data={list.data.data}
            getRowId={(i) => i.id}
            meta={{ apps: byId }}
            rowProps={(i) => ({ "data-testid": `integration-row-${i.id}` })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
