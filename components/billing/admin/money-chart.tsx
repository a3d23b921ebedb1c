"use client";

import { useId } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCents } from "@/lib/billing/money";
import type { MoneyChartRow } from "./billing-figures";

// Invoiced, collected and paid out per month: closed months as solid bars, forecast months as
// pale bars with an outline (their own legend entries), so a projection never reads as money that
// moved. The figures are also a table under the chart: its text alternative, for everyone.

const series = [
  { dataKey: "invoiced", name: "Invoiced", color: "#2a55db", stackId: "invoiced", forecast: false },
  { dataKey: "invoicedForecast", name: "Invoiced (forecast)", color: "#2a55db", stackId: "invoiced", forecast: true },
  { dataKey: "collected", name: "Collected", color: "#047857", stackId: "collected", forecast: false },
  { dataKey: "payouts", name: "Payouts", color: "#b45309", stackId: "payouts", forecast: false },
  { dataKey: "payoutsForecast", name: "Payouts (forecast)", color: "#b45309", stackId: "payouts", forecast: true },
] as const;

// Axis ticks only: whole dollars, compact ("$12K"); every figure a person reads is formatCents.
const tick = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });

export function MoneyChart({ rows, currency = "USD" }: { rows: MoneyChartRow[]; currency?: string }) {
  const captionId = useId();
  const money = (cents: number | null) => (cents === null ? "—" : formatCents(cents, currency));
  const closed = rows.filter((r) => !r.forecast);
  const lastClosed = closed[closed.length - 1];
  const lastForecast = rows.filter((r) => r.forecast).at(-1);
  const legendOrder = (item: { dataKey?: unknown }) => series.findIndex((s) => s.dataKey === item.dataKey);

  return (
    <figure aria-labelledby={captionId} className="grid gap-3">
      <div
        className="h-72 w-full [&_.recharts-cartesian-axis-line]:stroke-slate-300 [&_.recharts-cartesian-axis-tick-value]:!fill-slate-600 [&_.recharts-cartesian-grid_line]:stroke-slate-200 [&_.recharts-legend-item-text]:!text-slate-700 [&_.recharts-tooltip-cursor]:fill-slate-100"
        data-testid="billing-money-chart"
      >
        <ResponsiveContainer width="100%" height={288}>
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barGap={2} barCategoryGap="20%">
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={8} />
            <YAxis tickLine={false} axisLine={false} width={64} tick={{ fontSize: 12, fill: "#475569" }} tickFormatter={(v: number) => tick.format(v / 100)} />
            <Tooltip
              cursor={{ fill: "#f1f5f9" }}
              contentStyle={{ borderRadius: 6, borderColor: "var(--color-slate-200)", background: "var(--color-white)", color: "var(--color-slate-900)", fontSize: 12 }}
              formatter={(value, name) => [typeof value === "number" ? formatCents(value, currency) : "—", name]}
            />
            <Legend iconType="square" iconSize={10} itemSorter={legendOrder} wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
            {series.map((s) => (
              <Bar
                key={s.dataKey}
                dataKey={s.dataKey}
                name={s.name}
                stackId={s.stackId}
                fill={s.color}
                fillOpacity={s.forecast ? 0.3 : 1}
                stroke={s.forecast ? s.color : undefined}
                strokeWidth={s.forecast ? 1.5 : 0}
                strokeDasharray={s.forecast ? "4 2" : undefined}
                maxBarSize={28}
                isAnimationActive={false}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption id={captionId} className="text-xs text-slate-600">
        Invoiced, collected and paid out per month
        {lastClosed ? `; ${lastClosed.label}: invoiced ${money(lastClosed.invoiced)}, collected ${money(lastClosed.collected)}, payouts ${money(lastClosed.payouts)}` : ""}
        {lastForecast ? `; forecast for ${lastForecast.label.replace(" (forecast)", "")}: invoiced ${money(lastForecast.invoicedForecast)}, payouts ${money(lastForecast.payoutsForecast)}` : ""}.
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-700 hover:underline">Show the figures as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm" aria-label="Invoiced, collected and payouts per month">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Month
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Invoiced
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Collected
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Payouts
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 text-slate-700">
              {rows.map((r) => (
                <tr key={r.period}>
                  <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                    {r.label}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{money(r.forecast ? r.invoicedForecast : r.invoiced)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.forecast ? "—" : money(r.collected)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{money(r.forecast ? r.payoutsForecast : r.payouts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
