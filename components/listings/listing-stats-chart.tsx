"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type StatsRow = { day: string; label: string; impressions: number; views: number; clicks: number; ctr: number | null };

const series = [
  { dataKey: "impressions", name: "Search impressions", color: "#94a3b8" },
  { dataKey: "views", name: "Views", color: "#2a55db" },
  { dataKey: "clicks", name: "Clicks from search", color: "#0d9488" },
] as const;

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat("en-US");

/**
 * Per day, as the usage page draws calls: impressions, views and clicks side by side (clicks are
 * views that came from search, so they are not stacked on them) and the click-through rate as a
 * line on its own percentage axis.
 */
export function ListingStatsChart({ rows }: { rows: StatsRow[] }) {
  const maxRate = Math.max(0, ...rows.map((r) => r.ctr ?? 0));
  const rateTop = [5, 10, 20, 25, 50, 100].find((t) => t >= maxRate) ?? 100;
  const rateTicks = [0, 1, 2, 3, 4, 5].map((i) => (rateTop / 5) * i);
  const legendOrder = (item: { dataKey?: unknown }) => {
    const i = series.findIndex((s) => s.dataKey === item.dataKey);
    return i < 0 ? series.length : i;
  };
  return (
    // The grid, axes, legend and tooltip take the theme's palette through CSS (it outranks the
    // attributes recharts writes), so they follow dark mode; the series keep their own colours.
    <div
      className="h-72 w-full [&_.recharts-cartesian-axis-line]:stroke-slate-300 [&_.recharts-cartesian-axis-tick-value]:!fill-slate-600 [&_.recharts-cartesian-grid_line]:stroke-slate-200 [&_.recharts-legend-item-text]:!text-slate-700 [&_.recharts-tooltip-cursor]:fill-slate-100"
      data-testid="listing-stats-chart"
    >
      <ResponsiveContainer width="100%" height={288}>
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barGap={1} barCategoryGap={rows.length > 40 ? "10%" : "20%"}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={16} />
          <YAxis
            yAxisId="count"
            allowDecimals={false}
            tickLine={false}
            axisLine={false}
            width={44}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickFormatter={(v: number) => compact.format(v)}
          />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, rateTop]}
            ticks={rateTicks}
            tickLine={false}
            axisLine={false}
            width={44}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickFormatter={(v: number) => `${v}%`}
          />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            contentStyle={{ borderRadius: 6, borderColor: "var(--color-slate-200)", background: "var(--color-white)", color: "var(--color-slate-900)", fontSize: 12 }}
            formatter={(value, name) =>
              name === "Click-through rate" ? [typeof value === "number" ? `${value.toFixed(1)}%` : "—", name] : [full.format(Number(value ?? 0)), name]
            }
          />
          <Legend iconType="circle" iconSize={8} itemSorter={legendOrder} wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
          {series.map((s) => (
            <Bar key={s.dataKey} dataKey={s.dataKey} name={s.name} yAxisId="count" fill={s.color} maxBarSize={14} isAnimationActive={false} />
          ))}
          <Line
            type="monotone"
            dataKey="ctr"
            name="Click-through rate"
            yAxisId="rate"
            stroke="#7c3aed"
            strokeWidth={2}
            dot={rows.length > 40 ? false : { r: 2.5, fill: "#7c3aed", strokeWidth: 0 }}
            activeDot={{ r: 4 }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
