"use client";

import { useQueryClient } from "@tanstack/react-query";
import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { useMemo } from "react";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { parseAsId } from "@/components/url-state/parsers";
import type { BillingRun } from "@/lib/billing/schemas";
import { runColumns, type RunTableMeta } from "./run-columns";
import { RunForm } from "./run-form";
import { RunProgressCard } from "./run-progress";
import { billingKeys, partnerName, usePartnerDirectory } from "./queries";

const kinds = ["invoices", "payouts"] as const;

/** Start a run and follow it; every run (manual or scheduled) below. */
export function RunsTab() {
  const qc = useQueryClient();
  // The followed run is in the URL (`?tab=runs&run=…`): a reload keeps following it.
  const [{ run: runId, kind }, setView] = useQueryStates({ run: parseAsId, kind: parseAsStringLiteral(kinds) });
  const directory = usePartnerDirectory();
  const nameOf = useMemo(() => (id: string | null) => partnerName(directory.data, id), [directory.data]);
  const list = usePagedList<BillingRun>([...billingKeys.runs, "list"], "/billing/runs", { kind: kind ?? undefined }, 20, { refetchInterval: 5_000 });
  const meta: RunTableMeta = useMemo(() => ({ partnerName: nameOf, onFollow: (r) => void setView({ run: r.id }) }), [nameOf, setView]);

  return (
    <div className="grid gap-6">
      <div className={`grid items-start gap-6 ${runId ? "xl:grid-cols-2" : ""}`}>
        <RunForm
          onStarted={(run) => {
            qc.setQueryData(billingKeys.run(run.id), run);
            void setView({ run: run.id });
          }}
        />
        {runId && <RunProgressCard key={runId} runId={runId} partnerName={nameOf} onDismiss={() => void setView({ run: null })} />}
      </div>
      <Card title="Runs">
        <div className="mb-4 flex flex-wrap gap-3">
          <Select aria-label="Filter by kind" value={kind ?? ""} onChange={(e) => setView({ kind: (e.target.value || null) as (typeof kinds)[number] | null })} className="max-w-[12rem]">
            <option value="">All kinds</option>
            <option value="invoices">Invoices</option>
            <option value="payouts">Payouts</option>
          </Select>
        </div>
        {list.isPending ? (
          <LoadingState label="Loading runs…" />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : list.data.data.length === 0 ? (
          <EmptyState title={kind ? "No runs of this kind" : "No runs yet"}>Runs appear here when started above or by the month-end schedule.</EmptyState>
        ) : (
          <>
            <DataTable label="Billing runs" columns={runColumns} data={list.data.data} getRowId={(r) => r.id} meta={meta} rowProps={(r) => ({ "data-testid": `billing-run-${r.id}` })} />
            <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
          </>
        )}
      </Card>
    </div>
  );
}
