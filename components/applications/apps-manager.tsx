"use client";

import Link from "next/link";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { usePagedList } from "@/components/api/use-paged-list";
import { PartnerFeatureGate, type FeatureCopy } from "@/components/partners/partner-feature-gate";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { appColumns } from "./app-columns";
import { appKeys } from "./queries";
import { applicationStatuses, statusLabels, type Application } from "./types";

type Props = {
  partnerId: string;
  partnerName: string;
  partnerStatus: string;
  partnerStatusReason: string | null;
  /** The viewer may list apps (read:applications). */
  canRead: boolean;
  /** The viewer may create, edit, submit and publish them (write:applications). */
  canWrite: boolean;
};

const appsCopy: FeatureCopy = {
  name: "Apps",
  roleText: "does not include applications. Ask an owner, admin or developer to manage apps.",
  onApproval: "register apps here, submit them for review and publish them",
  whileSuspended: "Its apps cannot be changed, submitted or published",
};

export const createAppLinkClass =
  "inline-flex items-center justify-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm transition hover:bg-brand-700";

export function AppsManager(props: Props) {
  return (
    <PartnerFeatureGate feature={appsCopy} {...props}>
      <AppsList {...props} />
    </PartnerFeatureGate>
  );
}

function AppsList({ partnerId, partnerName, canWrite }: Props) {
  const [status, setStatus] = useQueryState("status", parseAsStringLiteral(applicationStatuses));
  const list = usePagedList<Application>([...appKeys.list(partnerId)], "/applications", { status: status ?? undefined });
  const createLink = canWrite ? (
    <Link href="/apps/new" className={createAppLinkClass}>
      Create app
    </Link>
  ) : undefined;

  return (
    <Card title="Your apps" actions={createLink}>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <Select
          aria-label="Filter by status"
          value={status ?? ""}
          onChange={(e) => setStatus((e.target.value || null) as Application["status"] | null)}
          className="max-w-[12rem]"
        >
          <option value="">All statuses</option>
          {applicationStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </Select>
        <p className="text-xs text-slate-600">Each app gets an OAuth client and a webhook signing secret when it is first published.</p>
      </div>
      {list.isPending ? (
        <LoadingState label="Loading apps…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        status ? (
          <EmptyState title={`No ${statusLabels[status].toLowerCase()} apps`}>Choose another status to see the rest of your apps.</EmptyState>
        ) : (
          <EmptyState title="No apps yet" action={createLink}>
            An app is what {partnerName} builds on Portico: it asks customers for scopes, receives their events and is listed in the marketplace once
            a reviewer approves it and you publish it.
          </EmptyState>
        )
      ) : (
        <>
          <DataTable
            label="Apps"
            columns={appColumns}
            data={list.data.data}
            getRowId={(a) => a.id}
            rowProps={(a) => ({ "data-testid": `app-row-${a.id}` })}
          />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
