"use client";

import { parseAsStringLiteral, useQueryStates } from "nuqs";
import { useMemo, useState } from "react";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { formatCents } from "@/lib/billing/money";
import { payoutStatusLabel } from "../format";
import { payoutStatuses, type Payout, type PayoutStatus } from "../types";
import { totalsByCurrency } from "./billing-figures";
import { payoutColumns, payoutQueueColumns, type PayoutTableMeta } from "./payout-columns";
import { billingKeys, partnerName, usePartnerDirectory, usePayoutQueue } from "./queries";
import { PayoutActionDialog, type PayoutAction } from "./record-actions";

/** The payouts queue (pending, then processing: the money to send) and every payout below it. */
export function PayoutsTab() {
  const directory = usePartnerDirectory();
  const queue = usePayoutQueue();
  const [acting, setActing] = useState<PayoutAction | null>(null);
  const nameOf = useMemo(() => (id: string) => partnerName(directory.data, id), [directory.data]);
  const queueMeta: PayoutTableMeta = useMemo(() => ({ partnerName: nameOf, onAct: setActing }), [nameOf]);
  const waiting = queue.data ? totalsByCurrency(queue.data.data) : null;

  return (
    <div className="grid gap-6">
      <Card
        title="Payouts queue"
        actions={
          waiting && waiting.count > 0 ? (
            <span className="text-xs text-slate-600" data-testid="payout-queue-total">
              {waiting.count} waiting · {waiting.totals.map((t) => formatCents(t.totalCents, t.currency)).join(", ")}
            </span>
          ) : undefined
        }
      >
        {queue.isPending ? (
          <LoadingState label="Loading the payouts queue…" />
        ) : queue.isError ? (
          <ErrorState error={queue.error} onRetry={() => queue.refetch()} />
        ) : queue.data.data.length === 0 ? (
          <EmptyState title="Nothing to pay out">Payouts appear here after a payout run, until they are marked paid or failed.</EmptyState>
        ) : (
          <>
            <DataTable
              label="Payouts queue"
              columns={payoutQueueColumns}
              data={queue.data.data}
              getRowId={(p) => p.id}
              meta={queueMeta}
              rowProps={(p) => ({ "data-testid": `payout-${p.id}` })}
            />
            {queue.data.truncated && <p className="mt-3 text-xs text-slate-600">The oldest {queue.data.data.length} are shown.</p>}
          </>
        )}
      </Card>
      <AllPayouts nameOf={nameOf} />
      {acting && <PayoutActionDialog acting={acting} partnerName={nameOf(acting.payout.partnerId)} onClose={() => setActing(null)} />}
    </div>
  );
}

function AllPayouts({ nameOf }: { nameOf: (id: string) => string }) {
  // In the URL (`?tab=payouts&status=failed`): a filtered list can be linked.
  const [{ status }, setView] = useQueryStates({ status: parseAsStringLiteral(payoutStatuses) });
  const list = usePagedList<Payout>([...billingKeys.payouts, "list"], "/billing/payouts", { status: status ?? undefined });
  const meta: PayoutTableMeta = useMemo(() => ({ partnerName: nameOf }), [nameOf]);
  return (
    <Card title="All payouts">
      <div className="mb-4 flex flex-wrap gap-3">
        <Select aria-label="Filter by status" value={status ?? ""} onChange={(e) => setView({ status: (e.target.value || null) as PayoutStatus | null })} className="max-w-[12rem]">
          <option value="">All statuses</option>
          {payoutStatuses.map((s) => (
            <option key={s} value={s}>
              {payoutStatusLabel[s]}
            </option>
          ))}
        </Select>
      </div>
      {list.isPending ? (
        <LoadingState label="Loading payouts…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={status ? "No payouts match" : "No payouts yet"}>
          {status ? "Try another status." : "A payout run creates one per partner whose net reaches the payout minimum."}
        </EmptyState>
      ) : (
        <>
          <DataTable label="All payouts" columns={payoutColumns} data={list.data.data} getRowId={(p) => p.id} meta={meta} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
    </Card>
  );
}
