import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationHealthChecks, integrationLatency, integrationMetrics } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { rowsOf } from "@/lib/db/rows";
import { Invalid } from "@/lib/errors";
import { loadIntegration } from "./integration-item";
import { quantileMs } from "./latency-buckets";
import type { IntegrationMetrics, MetricsDay, MetricsQuery } from "./schemas";

// GET /integrations/{id}/metrics?from&to: one entry per UTC day of the range, days without
// traffic included (zeros), so a chart needs no gap filling. p50/p99 come from the day's latency
// histogram; uptime is the share of that day's health checks that were healthy.

const DAY_MS = 86_400_000;
export const MAX_METRICS_DAYS = 366;

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export function metricsRange(q: MetricsQuery, now = new Date()): { from: string; to: string; days: string[] } {
  const to = q.to ?? dayOf(now);
  const from = q.from ?? dayOf(new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS));
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (start > end) throw new Invalid("`from` is after `to`", [{ path: "from", message: "must be on or before `to`" }]);
  const count = Math.round((end - start) / DAY_MS) + 1;
  if (count > MAX_METRICS_DAYS) throw new Invalid(`At most ${MAX_METRICS_DAYS} days at once`, [{ path: "from", message: `at most ${MAX_METRICS_DAYS} days before \`to\`` }]);
  return { from, to, days: Array.from({ length: count }, (_, i) => dayOf(new Date(start + i * DAY_MS))) };
}

export async function getIntegrationMetrics(db: Db, principal: Principal, id: string, q: MetricsQuery): Promise<IntegrationMetrics> {
  const range = metricsRange(q);
  const l = await loadIntegration(db, principal, id);
  const iid = l.row.id;
  const [counts, latency, checks] = await Promise.all([
    db
      .select({ day: integrationMetrics.day, requests: integrationMetrics.requests, errors: integrationMetrics.errors })
      .from(integrationMetrics)
      .where(and(eq(integrationMetrics.integrationId, iid), gte(integrationMetrics.day, range.from), lte(integrationMetrics.day, range.to))),
    db
      .select({ day: integrationLatency.day, bucket: integrationLatency.bucket, count: integrationLatency.count })
      .from(integrationLatency)
      .where(and(eq(integrationLatency.integrationId, iid), gte(integrationLatency.day, range.from), lte(integrationLatency.day, range.to)))
      .orderBy(asc(integrationLatency.day), asc(integrationLatency.bucket)),
    db.execute(sql`
      select to_char(${integrationHealthChecks.checkedAt} at time zone 'UTC', 'YYYY-MM-DD') as day,
        count(*) filter (where ${integrationHealthChecks.healthy})::int as healthy, count(*)::int as total
      from ${integrationHealthChecks}
      where ${integrationHealthChecks.integrationId} = ${iid}
        and ${integrationHealthChecks.checkedAt} >= ${`${range.from}T00:00:00.000Z`}::timestamptz
        and ${integrationHealthChecks.checkedAt} < ${new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS).toISOString()}::timestamptz
      group by 1`),
  ]);
  const byDay = new Map(counts.map((c) => [c.day, c]));
  const histograms = new Map<string, [number, number][]>();
  for (const r of latency) {
    const h = histograms.get(r.day) ?? [];
    h.push([r.bucket, r.count]);
    histograms.set(r.day, h);
  }
  const uptime = new Map(rowsOf<{ day: string; healthy: number; total: number }>(checks).map((r) => [r.day, r]));
  const data: MetricsDay[] = range.days.map((day) => {
    const c = byDay.get(day);
    const h = histograms.get(day) ?? [];
    const u = uptime.get(day);
    return {
      day,
      requests: c?.requests ?? 0,
      errors: c?.errors ?? 0,
      p50Ms: quantileMs(h, 0.5),
      p99Ms: quantileMs(h, 0.99),
      uptime: u && Number(u.total) > 0 ? Math.round((10_000 * Number(u.healthy)) / Number(u.total)) / 100 : null,
    };
  });
  return { from: range.from, to: range.to, data };
}
