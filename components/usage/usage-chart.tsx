"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartSeries = { dataKey: string; name: string; color: string };
export type ChartRow = { day: string; label: string; errorRate: number | null } & Record<string, string | number | null>;

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat("en-US");

/** Calls per day as stacked bars (one series per key, or per outcome), error rate as a line on its own axis. */
export function UsageChart({ rows, series }: { rows: ChartRow[]; series: ChartSeries[] }) {
  const maxRate = Math.max(0, ...rows.map((r) => r.errorRate ?? 0));
  // A round top for the error-rate axis, so its five ticks are whole numbers.
  const rateTop = [5, 10, 20, 25, 50, 100].find((t) => t >= maxRate) ?? 100;
  // Legend in series order (recharts sorts by name otherwise), the error-rate line last.
  const legendOrder = (item: { dataKey?: unknown }) => {
    const i = series.findIndex((x) => x.dataKey === item.dataKey);
    return i < 0 ? series.length : i;
  };
  const rateTicks = [0, 1, 2, 3, 4, 5].map((i) => (rateTop / 5) * i);
  return (
    <div className="h-80 w-full" data-testid="usage-chart">
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={16} />
          <YAxis
            yAxisId="calls"
            allowDecimals={false}
            tickLine={false}
            axisLine={false}
            width={48}
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
            contentStyle={{ borderRadius: 6, borderColor: "#e2e8f0", fontSize: 12 }}
            formatter={(value, name) =>
              name === "Error rate" ? [typeof value === "number" ? `${value.toFixed(1)}%` : "—", name] : [full.format(Number(value ?? 0)), name]
            }
          />
          <Legend iconType="circle" iconSize={8} itemSorter={legendOrder} wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
          {series.map((s) => (
            <Bar key={s.dataKey} dataKey={s.dataKey} name={s.name} stackId="calls" yAxisId="calls" fill={s.color} maxBarSize={40} isAnimationActive={false} />
          ))}
          <Line
            type="monotone"
            dataKey="errorRate"
            name="Error rate"
            yAxisId="rate"
            stroke="#7c3aed"
            strokeWidth={2}
            dot={{ r: 2.5, fill: "#7c3aed", strokeWidth: 0 }}
            activeDot={{ r: 4 }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
