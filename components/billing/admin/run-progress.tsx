"use client";

import { useQueryClient } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useEffect, useRef } from "react";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { formatCents } from "@/lib/billing/money";
import type { BillingRun } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { runProgress } from "./billing-figures";
import { billingKeys, useRun } from "./queries";
import { RunStatusBadge } from "../status-badges";

/** One run as it goes: polled every second until it succeeds or fails, then the page's figures refresh. */
export function RunProgressCard({ runId, partnerName, onDismiss }: { runId: string; partnerName: (id: string | null) => string; onDismiss: () => void }) {
  const qc = useQueryClient();
  const run = useRun(runId);
  const status = run.data?.status;
  const seen = useRef<string | undefined>(undefined);
  useEffect(() => {
    // A run that finishes while watched has new invoices or payouts: refresh the lists and totals.
    if (seen.current && seen.current !== status && (status === "succeeded" || status === "failed")) void qc.invalidateQueries({ queryKey: billingKeys.all });
    seen.current = status;
  }, [status, qc]);

  return (
    <Card
      title={run.data ? `${run.data.kind === "invoices" ? "Invoice" : "Payout"} run for ${formatPeriodShort(run.data.period)}` : "Run"}
      actions={
        <button type="button" onClick={onDismiss} aria-label="Stop following this run" className="rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
          <X aria-hidden className="size-4" />
        </button>
      }
    >
      {run.isPending ? <LoadingState label="Loading the run…" /> : run.isError ? <ErrorState error={run.error} onRetry={() => run.refetch()} /> : <RunBody run={run.data} partnerName={partnerName} />}
    </Card>
  );
}

function RunBody({ run, partnerName }: { run: BillingRun; partnerName: (id: string | null) => string }) {
  const progress = runProgress(run);
  const one = run.createdCount === 1;
  const what = run.kind === "invoices" ? (one ? "invoice" : "invoices") : one ? "payout statement" : "payout statements";
  return (
    <div className="grid gap-3" data-testid="run-progress" data-status={run.status}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
        <RunStatusBadge status={run.status} />
        <span>{partnerName(run.partnerId)}</span>
        {run.startedAt && (
          <span className="text-slate-600">
            started <Time value={run.startedAt} />
          </span>
        )}
      </div>
      <div
        role="progressbar"
        aria-label={`${run.kind === "invoices" ? "Invoice" : "Payout"} run progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent ?? undefined}
        aria-valuetext={progress.label}
        className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
      >
        {progress.percent === null ? (
          <div className="h-full w-1/3 animate-pulse rounded-full bg-brand-600" />
        ) : (
          <div className={`h-full rounded-full transition-[width] ${run.status === "failed" ? "bg-red-600" : "bg-brand-600"}`} style={{ width: `${progress.percent}%` }} />
        )}
      </div>
      {/* Announced as it changes, once per poll at most. */}
      <p aria-live="polite" className="text-sm text-slate-700">
        {progress.label}
        {progress.percent !== null && !progress.done ? ` (${progress.percent}%)` : ""} · {run.createdCount} {what} created · {formatCents(run.amountCents)}
        {run.status === "succeeded" ? " · finished" : ""}
      </p>
      {run.status === "failed" && run.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          The run failed: {run.error}. Running it again picks up the partners it did not reach; nothing is issued twice.
        </p>
      )}
    </div>
  );
}
