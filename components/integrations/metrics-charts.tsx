"use client";

import { DailyChart, dayLabel, fillDays, type DailySeries } from "@/components/charts/daily-chart";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import type { MetricDay } from "./types";

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const pct = (v: number) => `${Math.round(v * 10) / 10}%`;
const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)} s` : `${Math.round(v)} ms`);

/** The range in words under a chart: "Nov 7 – Dec 6 (UTC)". */
function RangeNote({ days, children }: { days: readonly string[]; children?: string }) {
  if (!days.length) return null;
  return (
    <p className="mt-2 text-xs text-slate-600">
      {dayLabel(days[0])} – {dayLabel(days[days.length - 1])} (UTC).{children ? ` ${children}` : ""}
    </p>
  );
}

const uptimeSeries: DailySeries[] = [{ dataKey: "uptime", name: "Uptime", color: "#10b981", kind: "bar" }];

/** Share of passing health checks per day; days without a check are gaps. */
export function UptimeChart({ days, rows }: { days: readonly string[]; rows: readonly MetricDay[] }) {
  const data = fillDays(days, rows, (r) => ({ uptime: r.uptime }), { uptime: null });
  const checked = data.some((r) => r.uptime !== null);
  return (
    <Card title={`Uptime, last ${days.length} days`}>
      {checked ? (
        <>
          <DailyChart
            rows={data}
            series={uptimeSeries}
            left={{ format: pct, domain: [0, 100], ticks: [0, 25, 50, 75, 100] }}
            label={`Uptime per day over the last ${days.length} days`}
            testId="uptime-chart"
          />
          <RangeNote days={days}>Uptime: health checks that passed ÷ checks run that day.</RangeNote>
        </>
      ) : (
        <EmptyState title={`No health checks in the last ${days.length} days`}>Uptime is drawn from health checks, which run every 5 minutes.</EmptyState>
      )}
    </Card>
  );
}

const trafficSeries: DailySeries[] = [
  { dataKey: "requests", name: "Requests", color: "#2a55db", kind: "bar" },
  { dataKey: "errors", name: "Errors", color: "#dc2626", kind: "bar" },
  { dataKey: "errorRate", name: "Error rate", color: "#7c3aed", kind: "line", axis: "right" },
];

const latencySeries: DailySeries[] = [
  { dataKey: "p50Ms", name: "p50", color: "#0d9488", kind: "line" },
  { dataKey: "p99Ms", name: "p99", color: "#f59e0b", kind: "line" },
];

/** API requests made with the install's tokens and their errors per day, with the error rate; and p50/p99 latency. */
export function TrafficCharts({ days, rows }: { days: readonly string[]; rows: readonly MetricDay[] }) {
  const traffic = fillDays(
    days,
    rows,
    (r) => ({ requests: r.requests, errors: r.errors, errorRate: r.requests ? (r.errors / r.requests) * 100 : null }),
    { requests: 0, errors: 0, errorRate: null },
  );
  const latency = fillDays(days, rows, (r) => ({ p50Ms: r.p50Ms, p99Ms: r.p99Ms }), { p50Ms: null, p99Ms: null });
  const anyRequests = traffic.some((r) => (r.requests as number) > 0);
  const maxRate = Math.max(0, ...traffic.map((r) => (r.errorRate as number | null) ?? 0));
  const rateTop = [5, 10, 20, 25, 50, 100].find((t) => t >= maxRate) ?? 100;
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card title="Requests and errors per day">
        {anyRequests ? (
          <>
            <DailyChart
              rows={traffic}
              series={trafficSeries}
              left={{ format: (v) => compact.format(v) }}
              right={{ format: pct, domain: [0, rateTop], ticks: [0, 1, 2, 3, 4, 5].map((i) => (rateTop / 5) * i), allowDecimals: true }}
              label={`API requests and errors per day over the last ${days.length} days`}
              testId="traffic-chart"
            />
            <RangeNote days={days}>Requests made with this install&apos;s OAuth tokens.</RangeNote>
          </>
        ) : (
          <EmptyState title="No API requests in this period">Requests made with this install&apos;s OAuth tokens are counted here per day.</EmptyState>
        )}
      </Card>
      <Card title="Latency per day">
        {latency.some((r) => r.p50Ms !== null || r.p99Ms !== null) ? (
          <>
            <DailyChart rows={latency} series={latencySeries} left={{ format: ms, width: 56 }} label={`p50 and p99 latency per day over the last ${days.length} days`} testId="latency-chart" />
            <RangeNote days={days}>p50: half of the requests were faster; p99: all but 1 in 100 were.</RangeNote>
          </>
        ) : (
          <EmptyState title="No latency in this period">Latency is measured on the API requests counted beside it.</EmptyState>
        )}
      </Card>
    </div>
  );
}
