"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatCents } from "@/lib/billing/money";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { formatBps, formatCount, formatDate, formatPeriod, payoutOutcome, statementLines, statementOutcome } from "./format";
import { isNotFound, usePayout, usePayoutStatements } from "./queries";
import { PayoutStatusBadge } from "./status-badges";
import type { Payout, PayoutStatement } from "./types";

type Row = { label: string; value: string; strong?: boolean; testId?: string };

/** Figures as label/amount rows, the last one (the result) in bold: how a statement reads on paper. */
function Figures({ rows, label }: { rows: Row[]; label: string }) {
  return (
    <dl aria-label={label} className="grid max-w-md grid-cols-[1fr_auto] gap-x-6 gap-y-2 text-sm">
      {rows.map((r) => (
        <div key={r.label} className={`contents ${r.strong ? "font-semibold text-slate-900" : ""}`}>
          <dt className={r.strong ? "border-t border-slate-200 pt-2" : "text-slate-600"}>{r.label}</dt>
          <dd className={`text-right tabular-nums ${r.strong ? "border-t border-slate-200 pt-2" : "text-slate-900"}`} data-testid={r.testId}>
            {r.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function payoutRows(p: Payout): Row[] {
  const m = (c: number) => formatCents(c, p.currency);
  return [
    { label: "Gross from paid listings", value: m(p.grossCents) },
    { label: "Platform share", value: `− ${m(p.platformShareCents)}` },
    { label: "Carried forward from earlier months", value: `+ ${m(p.carriedForwardCents)}` },
    { label: "Payout amount", value: m(p.amountCents), strong: true, testId: "payout-amount" },
  ];
}

function statementRows(s: PayoutStatement): Row[] {
  const m = (c: number) => formatCents(c, s.currency);
  return [
    { label: "Gross", value: m(s.grossCents) },
    { label: `Platform share (${formatBps(s.revenueShareBps)})`, value: `− ${m(s.platformShareCents)}` },
    { label: "Carried in", value: `+ ${m(s.carriedInCents)}` },
    { label: "Net", value: m(s.netCents), strong: true },
  ];
}

/** Where the gross came from: each paid listing's installs and install-days at its monthly price. */
function StatementLinesTable({ statement: s }: { statement: PayoutStatement }) {
  const lines = statementLines(s);
  if (lines.length === 0) return null;
  const th = "px-3 py-2 text-right first:pl-0 first:text-left last:pr-0";
  const td = "whitespace-nowrap px-3 py-2 text-right tabular-nums first:pl-0 first:text-left last:pr-0";
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={`Gross by listing, ${formatPeriod(s.period)}`}>
      <table className="w-full text-sm">
        <caption className="sr-only">Gross by listing, {formatPeriod(s.period)}</caption>
        <thead className="border-b border-slate-200 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className={th}>Listing</th>
            <th scope="col" className={th}>Installs</th>
            <th scope="col" className={th}>Install-days</th>
            <th scope="col" className={th}>Monthly price</th>
            <th scope="col" className={th}>Gross</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 text-slate-700">
          {lines.map((l, i) => (
            <tr key={i}>
              <th scope="row" className={`${td} font-medium text-slate-900`}>{l.listingName}</th>
              <td className={td}>{formatCount(l.installs)}</td>
              <td className={td}>{formatCount(l.installDays)}</td>
              <td className={td}>{formatCents(l.monthlyPriceCents, s.currency)}</td>
              <td className={`${td} text-slate-900`}>{formatCents(l.grossCents, s.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-600">
        Gross = monthly price × install-days ÷ {formatCount(lines[0].daysInPeriod)} days in the month; the day of an install counts, the day of an uninstall does not.
      </p>
    </div>
  );
}

/** One payout and the statement of its month. */
export function PayoutPage({ payout: initial }: { payout: Payout }) {
  const query = usePayout(initial);
  const payout = query.data;
  // The statement that paid it out (by id; a payout whose statement predates the link, by period).
  const statements = usePayoutStatements({ period: payout.period, limit: 12 });
  if (query.isError && isNotFound(query.error)) notFound();
  const statement = statements.data?.data.find((s) => s.payoutId === payout.id) ?? statements.data?.data.find((s) => s.period === payout.period);
  return (
    <div className="grid gap-6">
      <Link href="/payouts" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
        <ArrowLeft aria-hidden className="size-4" />
        All payouts
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Payout · {formatPeriod(payout.period)}</h1>
        <PayoutStatusBadge status={payout.status} />
      </div>
      <Card title="Payout">
        <div className="grid gap-4">
          <Figures rows={payoutRows(payout)} label="Payout figures" />
          <p className={`text-sm ${payout.status === "failed" ? "font-medium text-red-700" : "text-slate-600"}`}>{payoutOutcome(payout).text}</p>
          <p className="text-xs text-slate-600">
            Created {formatDate(payout.createdAt)} · sent by {payout.provider}
          </p>
        </div>
      </Card>
      <Card title={`Statement · ${formatPeriod(payout.period)}`}>
        {statements.isPending ? (
          <LoadingState label="Loading the statement…" />
        ) : statements.isError ? (
          <ErrorState error={statements.error} onRetry={() => void statements.refetch()} />
        ) : !statement ? (
          <p className="text-sm text-slate-600">No statement found for this month.</p>
        ) : (
          <div className="grid gap-4">
            <StatementLinesTable statement={statement} />
            <Figures rows={statementRows(statement)} label={`Statement for ${formatPeriod(statement.period)}`} />
            <p className="text-sm text-slate-600">{statementOutcome(statement).text}.</p>
          </div>
        )}
      </Card>
    </div>
  );
}
