"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDay } from "@/components/ui/time";

// A chart of one value per UTC day: bars and lines on a left axis, and optionally a second axis on
// the right (a rate beside counts). Days without a value are gaps (null), not zeros. The grid,
// axes, legend and tooltip take the theme's palette through CSS (it outranks the attributes
// recharts writes), so they follow dark mode; the series keep their own colours.

export type DailyRow = { day: string } & Record<string, string | number | null>;

export type DailySeries = {
  dataKey: string;
  name: string;
  color: string;
  kind: "bar" | "line";
  axis?: "left" | "right";
  /** Bars with the same stack id pile up (parts of one whole); others stand side by side. */
  stackId?: string;
};

export type DailyAxis = {
  format: (value: number) => string;
  domain?: [number, number];
  ticks?: number[];
  allowDecimals?: boolean;
  width?: number;
};

const dayMs = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The last `days` UTC days, oldest first, ending today (YYYY-MM-DD). */
export function lastDays(days: number, now = Date.now()): string[] {
  const today = Date.parse(`${isoDay(now)}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => isoDay(today - (days - 1 - i) * dayMs));
}

/** "Dec 6" for a YYYY-MM-DD day. */
export const dayLabel = (day: string) => formatDay(new Date(`${day.slice(0, 10)}T00:00:00Z`));

/**
 * Rows for every day of `days` from sparse API rows keyed by day: a day the API did not report gets
 * `fill` (null: a gap) for each key.
 */
export function fillDays<T extends { day: string }>(days: readonly string[], rows: readonly T[], pick: (row: T) => Record<string, number | null>, fill: Record<string, number | null>): DailyRow[] {
  const byDay = new Map(rows.map((r) => [r.day.slice(0, 10), r]));
  return days.map((day) => {
    const r = byDay.get(day);
    return { day, ...(r ? pick(r) : fill) };
  });
}

export function DailyChart({
  rows,
  series,
  left,
  right,
  height = 256,
  label,
  testId,
}: {
  rows: DailyRow[];
  series: DailySeries[];
  left: DailyAxis;
  right?: DailyAxis;
  height?: number;
  /** The chart's accessible name (what it shows, over which days). */
  label: string;
  testId?: string;
}) {
  const axisOf = (s: DailySeries) => s.axis ?? "left";
  const formatFor = (name: unknown) => {
    const s = series.find((x) => x.name === name);
    return s && axisOf(s) === "right" && right ? right.format : left.format;
  };
  const legendOrder = (item: { dataKey?: unknown }) => {
    const i = series.findIndex((s) => s.dataKey === item.dataKey);
    return i < 0 ? series.length : i;
  };
  const data = rows.map((r) => ({ ...r, label: dayLabel(r.day) }));
  return (
    <figure
      aria-label={label}
      className="w-full [&_.recharts-cartesian-axis-line]:stroke-slate-300 [&_.recharts-cartesian-axis-tick-value]:!fill-slate-600 [&_.recharts-cartesian-grid_line]:stroke-slate-200 [&_.recharts-legend-item-text]:!text-slate-700 [&_.recharts-tooltip-cursor]:fill-slate-100"
      style={{ height }}
      data-testid={testId}
    >
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barGap={1} barCategoryGap={rows.length > 40 ? "10%" : "20%"}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: "#cbd5e1" }} tick={{ fontSize: 12, fill: "#475569" }} minTickGap={16} />
          <YAxis
            yAxisId="left"
            domain={left.domain}
            ticks={left.ticks}
            allowDecimals={left.allowDecimals ?? false}
            tickLine={false}
            axisLine={false}
            width={left.width ?? 48}
            tick={{ fontSize: 12, fill: "#475569" }}
            tickFormatter={(v: number) => left.format(v)}
          />
          {right && (
            <YAxis
              yAxisId="right"
              orientation="right"
              domain={right.domain}
              ticks={right.ticks}
              allowDecimals={right.allowDecimals ?? false}
              tickLine={false}
              axisLine={false}
              width={right.width ?? 48}
              tick={{ fontSize: 12, fill: "#475569" }}
              tickFormatter={(v: number) => right.format(v)}
            />
          )}
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            contentStyle={{ borderRadius: 6, borderColor: "var(--color-slate-200)", background: "var(--color-white)", color: "var(--color-slate-900)", fontSize: 12 }}
            formatter={(value, name) => [typeof value === "number" ? formatFor(name)(value) : "—", name]}
          />
          <Legend iconType="circle" iconSize={8} itemSorter={legendOrder} wrapperStyle={{ fontSize: 12, paddingTop: 8 }} />
          {series.map((s) =>
            s.kind === "bar" ? (
              <Bar key={s.dataKey} dataKey={s.dataKey} name={s.name} yAxisId={axisOf(s)} stackId={s.stackId} fill={s.color} maxBarSize={16} isAnimationActive={false} />
            ) : (
              <Line
                key={s.dataKey}
                type="monotone"
                dataKey={s.dataKey}
                name={s.name}
                yAxisId={axisOf(s)}
                stroke={s.color}
                strokeWidth={2}
                dot={rows.length > 40 ? false : { r: 2.5, fill: s.color, strokeWidth: 0 }}
                activeDot={{ r: 4 }}
                connectNulls
                isAnimationActive={false}
              />
            ),
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
