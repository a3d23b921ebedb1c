"use client";

import Link from "next/link";
import { formatCents } from "@/lib/billing/money";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { ForecastChart } from "./forecast-chart";
import { forecastRows, formatCount, formatPeriod, includedCallsUsage } from "./format";
import { useForecast, useUpcomingInvoice } from "./queries";
import { StatTiles } from "./stat-tiles";
import { NoPlanYet } from "./upcoming-invoice-card";
import type { UpcomingInvoice } from "./types";

const FORECAST_MONTHS = 3;

/** Included calls used this period as a bar, named and valued for assistive technology. */
export function IncludedCallsBar({ upcoming }: { upcoming: Pick<UpcomingInvoice, "billableCalls" | "includedCalls" | "includedCallsLeft"> }) {
  const u = includedCallsUsage(upcoming);
  if (u.included === 0) return <span>{u.text}</span>;
  return (
    <span className="grid gap-1">
      <span
        role="progressbar"
        aria-label="Included calls used"
        aria-valuemin={0}
        aria-valuemax={u.included}
        aria-valuenow={u.used}
        aria-valuetext={u.text}
        className="block h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <span className={`block h-full rounded-full ${u.left === 0 ? "bg-red-600" : "bg-brand-500"}`} style={{ width: `${u.percent}%` }} />
      </span>
      <span>{u.text}</span>
    </span>
  );
}

/** The usage page's billing summary: calls billed so far, included calls left, the month's projected cost, and the forecast. */
export function ThisPeriod() {
  const upcoming = useUpcomingInvoice();
  const forecast = useForecast(FORECAST_MONTHS);
  const u = upcoming.data;
  return (
    <section aria-labelledby="this-period" className="grid gap-4 [&>*]:min-w-0">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="this-period" className="text-lg font-semibold text-slate-900">
          This period{u ? ` · ${formatPeriod(u.period)}` : ""}
        </h2>
        <Link href="/invoices" className="text-sm font-medium text-brand-700 hover:underline">
          Invoices →
        </Link>
      </div>
      {upcoming.isPending ? (
        <LoadingState label="Loading this period…" />
      ) : upcoming.isError ? (
        <ErrorState error={upcoming.error} onRetry={() => void upcoming.refetch()} />
      ) : !u ? (
        <NoPlanYet />
      ) : (
        <>
          <StatTiles
            tiles={[
              { label: "Billable calls to date", value: formatCount(u.billableCalls), hint: "Calls with a 2xx answer this month", testId: "period-billable-calls" },
              {
                label: "Included calls left",
                value: formatCount(Math.max(0, u.includedCallsLeft)),
                hint: <IncludedCallsBar upcoming={u} />,
                testId: "period-included-left",
              },
              {
                label: "Projected end-of-month cost",
                value: formatCents(u.projected.totalCents, u.currency),
                hint: `${formatCents(u.totalCents, u.currency)} so far`,
                testId: "period-projected-cost",
              },
            ]}
          />
          <p className="text-xs text-slate-600">Projection: {u.projected.method}</p>
        </>
      )}
      <Card title={`Forecast, next ${FORECAST_MONTHS} months`} titleAs="h3">
        {forecast.isPending ? (
          <LoadingState label="Loading the forecast…" />
        ) : forecast.isError ? (
          <ErrorState error={forecast.error} onRetry={() => void forecast.refetch()} />
        ) : forecast.data.months.length === 0 ? (
          <p className="text-sm text-slate-600">No forecast yet.</p>
        ) : (
          <div className="grid gap-3 [&>*]:min-w-0">
            <ForecastChart rows={forecastRows(forecast.data)} currency={u?.currency ?? "USD"} />
            <details className="text-xs text-slate-600">
              <summary className="cursor-pointer font-medium text-slate-700">How it is computed</summary>
              <p className="mt-1">{forecast.data.method}</p>
            </details>
          </div>
        )}
      </Card>
    </section>
  );
}
