"use client";

import Link from "next/link";
import { parseAsStringLiteral, useQueryState } from "nuqs";
import { formatCents } from "@/lib/billing/money";
import { usePagedList } from "@/components/api/use-paged-list";
import { Card } from "@/components/ui/card";
import { DataTable, dataColumnHelper } from "@/components/ui/data-table";
import { Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { formatBps, formatPeriod, minimumSentence, payoutOutcome, payoutStatusLabel } from "./format";
import { billingKey, usePayoutBalance } from "./queries";
import { StatTiles } from "./stat-tiles";
import { StatementOutcome } from "./statement-outcome";
import { PayoutStatusBadge } from "./status-badges";
import { payoutStatuses, type Payout, type PayoutBalance, type PayoutStatement } from "./types";

// The partner's payouts page: the balance carried forward, the payouts, and the statement of each
// month (gross, the platform's share, what was carried in, the net and what became of it).

const money = (cents: number, currency: string) => formatCents(cents, currency);
const amountMeta = { className: "tabular-nums md:text-right", headerClassName: "text-right" };

export function BalanceCard() {
  const balance = usePayoutBalance();
  return (
    <Card title="Balance">
      {balance.isPending ? (
        <LoadingState label="Loading your balance…" />
      ) : balance.isError ? (
        <ErrorState error={balance.error} onRetry={() => void balance.refetch()} />
      ) : (
        <BalanceBody balance={balance.data} />
      )}
    </Card>
  );
}

function BalanceBody({ balance: b }: { balance: PayoutBalance }) {
  return (
    <div className="grid gap-4" data-testid="payout-balance">
      <StatTiles
        className="sm:grid-cols-2"
        tiles={[
          { label: "Balance carried forward", value: money(b.balanceCents, b.currency), testId: "balance-carried" },
          { label: "Payout minimum", value: money(b.minimumCents, b.currency), testId: "balance-minimum" },
        ]}
      />
      <p className="text-sm text-slate-600">
        {minimumSentence(b.minimumCents, b.currency)}{" "}
        {b.balanceCents > 0
          ? `The ${money(b.balanceCents, b.currency)} carried forward is added to next month's earnings and paid out with them once the total reaches the minimum.`
          : "Nothing is carried forward."}
      </p>
    </div>
  );
}

const payoutCol = dataColumnHelper<Payout>();
const payoutColumns = payoutCol.columns([
  payoutCol.accessor("period", {
    header: "Period",
    cell: (c) => (
      <Link href={`/payouts/${c.row.original.id}`} className="font-medium text-slate-900 hover:underline">
        {formatPeriod(c.getValue())}
      </Link>
    ),
    meta: { primary: true },
  }),
  payoutCol.accessor("status", { header: "Status", cell: (c) => <PayoutStatusBadge status={c.getValue()} /> }),
  payoutCol.accessor("grossCents", { header: "Gross", cell: (c) => money(c.getValue(), c.row.original.currency), meta: { ...amountMeta, hide: "xl" } }),
  payoutCol.accessor("platformShareCents", { header: "Platform share", cell: (c) => money(c.getValue(), c.row.original.currency), meta: { ...amountMeta, hide: "xl" } }),
  payoutCol.accessor("carriedForwardCents", { header: "Carried forward", cell: (c) => money(c.getValue(), c.row.original.currency), meta: { ...amountMeta, hide: "2xl" } }),
  payoutCol.accessor("amountCents", {
    header: "Amount",
    cell: (c) => <span className="font-medium text-slate-900">{money(c.getValue(), c.row.original.currency)}</span>,
    meta: amountMeta,
  }),
  payoutCol.display({
    id: "outcome",
    header: "Paid / reason",
    cell: ({ row }) => {
      const o = payoutOutcome(row.original);
      return <span className={o.tone === "danger" ? "font-medium text-red-700" : o.tone === "muted" ? "text-slate-600" : undefined}>{o.text}</span>;
    },
    meta: { wrap: true, label: "Details" },
  }),
]);

export function PayoutsList({ minimumCents, currency = "USD" }: { minimumCents?: number; currency?: string }) {
  const [status, setStatus] = useQueryState("status", parseAsStringLiteral(payoutStatuses));
  const list = usePagedList<Payout>([...billingKey, "payouts"], "/billing/payouts", { status: status ?? undefined });
  const minimum = minimumCents === undefined ? "the payout minimum" : money(minimumCents, currency);
  return (
    <Card
      title="Payouts"
      actions={
        <div className="w-full sm:w-44">
          <Select aria-label="Filter by status" value={status ?? ""} onChange={(e) => void setStatus((e.target.value || null) as Payout["status"] | null)}>
            <option value="">All statuses</option>
            {payoutStatuses.map((s) => (
              <option key={s} value={s}>
                {payoutStatusLabel[s]}
              </option>
            ))}
          </Select>
        </div>
      }
    >
      {list.isPending ? (
        <LoadingState label="Loading payouts…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        status ? (
          <EmptyState title={`No ${payoutStatusLabel[status].toLowerCase()} payouts`}>Choose another status, or All statuses, to see the rest.</EmptyState>
        ) : (
          <EmptyState title="No payouts yet">
            Each month the platform pays you what your paid listings earned, less its share. A month whose net is below {minimum} is carried forward instead of paid.
          </EmptyState>
        )
      ) : (
        <div aria-busy={list.isFetching && list.isPlaceholderData}>
          <DataTable label="Payouts" columns={payoutColumns} data={list.data.data} getRowId={(p) => p.id} rowProps={(p) => ({ "data-testid": `payout-row-${p.period}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </div>
      )}
    </Card>
  );
}

const statementCol = dataColumnHelper<PayoutStatement>();
const statementColumns = statementCol.columns([
  statementCol.accessor("period", { header: "Period", cell: (c) => <span className="font-medium text-slate-900">{formatPeriod(c.getValue())}</span>, meta: { primary: true } }),
  statementCol.accessor("grossCents", { header: "Gross", cell: (c) => money(c.getValue(), c.row.original.currency), meta: amountMeta }),
  statementCol.accessor("platformShareCents", {
    header: "Platform share",
    cell: (c) => (
      <>
        {money(c.getValue(), c.row.original.currency)} <span className="text-xs text-slate-600">({formatBps(c.row.original.revenueShareBps)})</span>
      </>
    ),
    meta: amountMeta,
  }),
  statementCol.accessor("carriedInCents", { header: "Carried in", cell: (c) => money(c.getValue(), c.row.original.currency), meta: { ...amountMeta, hide: "lg" } }),
  statementCol.accessor("netCents", {
    header: "Net",
    cell: (c) => <span className="font-medium text-slate-900">{money(c.getValue(), c.row.original.currency)}</span>,
    meta: amountMeta,
  }),
  statementCol.display({ id: "outcome", header: "Outcome", cell: ({ row }) => <StatementOutcome statement={row.original} linkToPayout />, meta: { wrap: true } }),
]);

export function StatementsList() {
  const list = usePagedList<PayoutStatement>([...billingKey, "statements"], "/billing/payouts/statements", {}, 12);
  return (
    <Card title="Statements">
      {list.isPending ? (
        <LoadingState label="Loading statements…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No statements yet">
          A statement is made for every month you earn from paid listings: the gross, the platform&apos;s share, what was carried in, and the net paid out or carried forward.
        </EmptyState>
      ) : (
        <div aria-busy={list.isFetching && list.isPlaceholderData}>
          <DataTable label="Payout statements" columns={statementColumns} data={list.data.data} getRowId={(s) => s.id} rowProps={(s) => ({ "data-testid": `statement-row-${s.period}` })} />
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </div>
      )}
    </Card>
  );
}

/** The whole page under its header: balance, payouts, statements. */
export function PayoutsView() {
  const balance = usePayoutBalance();
  return (
    <div className="grid gap-6">
      <BalanceCard />
      <PayoutsList minimumCents={balance.data?.minimumCents} currency={balance.data?.currency} />
      <StatementsList />
    </div>
  );
}
