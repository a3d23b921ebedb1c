"use client";

import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { appKeys } from "./queries";
import type { Application, ApplicationVersion } from "./types";
import { versionColumns } from "./version-columns";

export function VersionsTab({ app }: { app: Application }) {
  const list = usePagedList<ApplicationVersion>([...appKeys.versions(app.id)], `/applications/${app.id}/versions`);
  return (
    <Card title="Versions">
      {list.isPending ? (
        <LoadingState label="Loading versions…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No versions">Every app has at least one version; reload the page.</EmptyState>
      ) : (
        <>
          <DataTable
            label="Versions"
            columns={versionColumns}
            data={list.data.data}
            getRowId={(v) => v.id}
            meta={{ liveVersionId: app.liveVersion?.id ?? null }}
            rowProps={(v) => ({ "data-testid": `version-row-${v.version}` })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
