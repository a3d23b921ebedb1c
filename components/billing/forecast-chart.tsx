"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCents } from "@/lib/billing/money";
import { axisCents, formatPeriod, type ForecastRow } from "./format";

const series = [
  { dataKey: "invoicedCents", name: "Invoiced to you", color: "#2a55db" },
  { dataKey: "payoutsCents", name: "Paid out to you", color: "#0d9488" },
] as const;

/**
 * The next months' forecast as side-by-side bars, invoiced against payouts. The bars are for the eye
 * only; the same numbers are in a table for screen readers.
 */
export function ForecastChart({ rows, currency = "USD", height = 220 }: { rows: ForecastRow[]; currency?: string; height?: number }) {
  return (
    <figure aria-label={`Forecast for the next ${rows.length === 1 ? "month" : `${rows.length} months`}: invoiced to you and paid out to you`} data-testid="forecast-chart" className="w-full">
      <div
        aria-hidden
        style={{ height }}
        className="[&_.recharts-cartesian-axis-line]:stroke-slate-300 [&_.recharts-cartesian-axis-tick-value]:!fill-slate-600 [&_.recharts-cartesian-grid_line]:stroke-slate-200 [&_.recharts-legend-item-text]:!text-slate-700 [&_.recharts-tooltip-cursor]:fill-slate-100"
      >
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barGap={4} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={{ fontSize: 12, fill: "#475569" }} />
            <YAxis
              tickLine={false}
              axisLine={false}
              width={72}
              allowDecimals={false}
              tick={{ fontSize: 12, fill: "#475569" }}
              tickFormatter={(v: number) => axisCents(v, currency)}
            />
            <Tooltip
              cursor={{ fill: "#f1f5f9" }}
              contentStyle={{ borderRadius: 6, borderColor: "var(--color-slate-200)", background: "var(--color-white)", color: "var(--color-slate-900)", fontSize: 12 }}
              formatter={(value, name) => [typeof value === "number" ? formatCents(value, currency) : "—", name]}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
            {series.map((s) => (
              <Bar key={s.dataKey} dataKey={s.dataKey} name={s.name} fill={s.color} maxBarSize={32} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {/* The wrapper, not the table, is visually hidden: a table grows to its content whatever its width says. */}
      <div className="sr-only">
        <table>
        <caption>Forecast by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Invoiced to you</th>
            <th scope="col">Paid out to you</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.period}>
              <th scope="row">{formatPeriod(r.period)}</th>
              <td>{formatCents(r.invoicedCents, currency)}</td>
              <td>{formatCents(r.payoutsCents, currency)}</td>
            </tr>
          ))}
        </tbody>
        </table>
      </div>
    </figure>
  );
}
