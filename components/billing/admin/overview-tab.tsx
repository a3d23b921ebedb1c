"use client";

import { useQueryState } from "nuqs";
import { useMemo, useState } from "react";
import { useNow } from "@/components/keys/format";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Field, Input } from "@/components/ui/field";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { formatCents } from "@/lib/billing/money";
import type { InvoiceStatus } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { lastMonth, moneyChartRows } from "./billing-figures";
import { KpiCard } from "./kpi-card";
import { MoneyChart } from "./money-chart";
import { overdueColumns, type OverdueTableMeta } from "./overdue-columns";
import { parseAsPeriod } from "./period-param";
import { useForecast } from "../queries";
import { partnerName, useInvoiceTotals, useOverdueInvoices, usePartnerDirectory } from "./queries";
import { InvoiceActionDialog, type InvoiceAction } from "./record-actions";

/** Platform MRR and ARR, the period's invoices by status, money over the months, and who is late. */
export function OverviewTab() {
  const now = useNow(60_000);
  const defaultPeriod = lastMonth(new Date(now));
  // In the URL (`?tab=overview&period=2026-10`): a month's figures can be linked.
  const [periodParam, setPeriod] = useQueryState("period", parseAsPeriod);
  const period = periodParam ?? defaultPeriod;
  const forecast = useForecast(3);
  const directory = usePartnerDirectory();
  const overdue = useOverdueInvoices();
  const [acting, setActing] = useState<InvoiceAction | null>(null);
  const nameOf = (id: string) => partnerName(directory.data, id);
  const meta: OverdueTableMeta = useMemo(
    () => ({ partnerName: (id) => partnerName(directory.data, id), now: new Date(now), onMarkPaid: (invoice) => setActing({ invoice, action: "mark-paid" }) }),
    [directory.data, now],
  );

  return (
    <div className="grid gap-6">
      <section aria-labelledby="billing-kpis" className="grid gap-4">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="billing-kpis" className="text-base font-semibold text-slate-900">
            Figures for {formatPeriodShort(period)}
          </h2>
          <div className="w-44">
            <Field label="Invoice period">
              <Input type="month" value={period} max={defaultPeriod} onChange={(e) => setPeriod(e.target.value && e.target.value !== defaultPeriod ? e.target.value : null)} />
            </Field>
          </div>
        </div>
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
          <KpiCard
            label="Platform MRR"
            value={forecast.isPending ? "…" : forecast.isError ? "—" : formatCents(forecast.data.mrrCents)}
            detail="Monthly recurring revenue now"
            testId="kpi-mrr"
          />
          <KpiCard
            label="ARR"
            value={forecast.isPending ? "…" : forecast.isError ? "—" : formatCents(forecast.data.arrCents)}
            detail="MRR × 12"
            testId="kpi-arr"
          />
          <InvoiceKpi period={period} status="open" label="Open invoices" />
          <InvoiceKpi period={period} status="overdue" label="Overdue invoices" />
          <InvoiceKpi period={period} status="paid" label="Paid invoices" />
        </div>
      </section>

      <Card title="Invoiced vs collected vs payouts">
        {forecast.isPending ? (
          <LoadingState label="Loading the forecast…" />
        ) : forecast.isError ? (
          <ErrorState error={forecast.error} onRetry={() => forecast.refetch()} />
        ) : forecast.data.history.length === 0 && forecast.data.months.length === 0 ? (
          <EmptyState title="Nothing invoiced yet">Closed months appear here once invoices are issued.</EmptyState>
        ) : (
          <>
            <MoneyChart rows={moneyChartRows(forecast.data)} />
            <details className="mt-3 text-xs text-slate-600">
              <summary className="cursor-pointer font-medium text-slate-700">How the forecast is made</summary>
              <p className="mt-1">{forecast.data.method}</p>
            </details>
          </>
        )}
      </Card>

      <Card title="Overdue invoices">
        {overdue.isPending ? (
          <LoadingState label="Loading overdue invoices…" />
        ) : overdue.isError ? (
          <ErrorState error={overdue.error} onRetry={() => overdue.refetch()} />
        ) : overdue.data.data.length === 0 ? (
          <EmptyState title="No overdue invoices">Every issued invoice is paid, void, or not yet due.</EmptyState>
        ) : (
          <>
            <DataTable
              label="Overdue invoices"
              columns={overdueColumns}
              data={overdue.data.data}
              getRowId={(i) => i.id}
              meta={meta}
              rowProps={(i) => ({ "data-testid": `overdue-${i.number}` })}
            />
            {overdue.data.truncated && <p className="mt-3 text-xs text-slate-600">The most overdue {overdue.data.data.length} are shown; see the Invoices tab for all.</p>}
          </>
        )}
      </Card>

      {acting && <InvoiceActionDialog acting={acting} partnerName={nameOf(acting.invoice.partnerId)} onClose={() => setActing(null)} />}
    </div>
  );
}

function InvoiceKpi({ period, status, label }: { period: string; status: InvoiceStatus; label: string }) {
  const totals = useInvoiceTotals(period);
  if (totals.isPending) return <KpiCard label={label} value="…" testId={`kpi-${status}`} />;
  if (totals.isError) return <KpiCard label={label} value="—" detail="Could not load" testId={`kpi-${status}`} />;
  const { count, totalCents } = totals.data.totals.find((t) => t.status === status) ?? { count: 0, totalCents: 0 };
  return <KpiCard label={label} value={formatCents(totalCents)} detail={`${count} ${count === 1 ? "invoice" : "invoices"}`} testId={`kpi-${status}`} />;
}
