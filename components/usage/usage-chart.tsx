"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartSeries = { dataKey: string; name: string; color: string };
export type ChartRow = { day: string; label: string; errorRate: number | null } & Record<string, string | number | null>;

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const full = new Intl.NumberFormat("en-US");

/** Calls per day as stacked bars (one series per key, or per outcome), error rate as a line on its own axis. */
export function UsageChart({ rows, series }: { rows: ChartRow[]; series: ChartSeries[] }) {
  const maxRate = Math.max(0, ...rows.map((r) => r.errorRate ?? 0));
  return (
    <div className="h-80 w-full" data-testid="usage-chart">
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={{ fontSize: 12, fill: "#64748b" }} minTickGap={16} />
          <YAxis
            yAxisId="calls"
            allowDecimals={false}
            tickLine={false}
            axisLine={false}
            width={48}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickFormatter={(v: number) => compact.format(v)}
          />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, Math.max(5, Math.ceil(maxRate / 5) * 5)]}
            tickLine={false}
            axisLine={false}
            width={44}
            tick={{ fontSize: 12, fill: "#64748b" }}
            tickFormatter={(v: number) => `${v}%`}
          />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            contentStyle={{ borderRadius: 6, borderColor: "#e2e8f0", fontSize: 12 }}
            formatter={(value, name) =>
              name === "Error rate" ? [typeof value === "number" ? `${value.toFixed(1)}%` : "—", name] : [full.format(Number(value ?? 0)), name]
            }
          />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
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
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
