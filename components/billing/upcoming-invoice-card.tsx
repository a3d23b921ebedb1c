"use client";

import Link from "next/link";
import { formatCents } from "@/lib/billing/money";
import { Card } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { formatCount, formatDate, formatPeriod, issueDateOf } from "./format";
import { InvoiceLinesTable } from "./invoice-lines-table";
import { useUpcomingInvoice } from "./queries";
import { StatTiles } from "./stat-tiles";

/** The empty state of a partner without a pricing plan (the upcoming invoice answers 404). */
export function NoPlanYet({ level = 3 }: { level?: 2 | 3 }) {
  return (
    <EmptyState level={level} title="No pricing plan yet">
      Your partner account has no pricing plan yet, so nothing is being charged. The platform team sets your plan; once it is in place, this period&apos;s charges show here as they build up.
    </EmptyState>
  );
}

/** The invoice the current period would produce so far: its lines, its total, and the end-of-month projection. */
export function UpcomingInvoiceCard() {
  const upcoming = useUpcomingInvoice();
  const u = upcoming.data;
  return (
    <Card
      title={u ? `Upcoming invoice · ${formatPeriod(u.period)}` : "Upcoming invoice"}
      actions={
        <Link href="/usage" className="text-sm font-medium text-brand-700 hover:underline">
          See usage →
        </Link>
      }
    >
      {upcoming.isPending ? (
        <LoadingState label="Loading the upcoming invoice…" />
      ) : upcoming.isError ? (
        <ErrorState error={upcoming.error} onRetry={() => void upcoming.refetch()} />
      ) : !u ? (
        <NoPlanYet />
      ) : (
        <div className="grid gap-5" data-testid="upcoming-invoice">
          <p className="text-sm text-slate-600">
            {formatPeriod(u.period)} so far, as of {formatDate(u.asOf)}. It is issued on {issueDateOf(u.period) ?? "the 1st of next month"}; until then it changes as you make calls.
          </p>
          <StatTiles
            tiles={[
              { label: "Billable calls so far", value: formatCount(u.billableCalls), testId: "upcoming-calls" },
              { label: "Total so far", value: formatCents(u.totalCents, u.currency), testId: "upcoming-total" },
              {
                label: "Projected end-of-month total",
                value: formatCents(u.projected.totalCents, u.currency),
                hint: `${formatCount(u.projected.billableCalls)} billable calls at this pace`,
                testId: "upcoming-projected",
              },
            ]}
          />
          {u.lines.length === 0 ? (
            <p className="text-sm text-slate-600">No charges so far this period.</p>
          ) : (
            <InvoiceLinesTable
              lines={u.lines}
              currency={u.currency}
              totals={u}
              caption="Upcoming invoice lines so far"
              captionVisible
              totalLabel="Total so far"
            />
          )}
          <p className="text-xs text-slate-600">Projection: {u.projected.method}</p>
        </div>
      )}
    </Card>
  );
}
