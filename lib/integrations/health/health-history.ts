import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationHealthChecks } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { afterCursor, cursorOrder, toPage } from "@/lib/pagination/cursor";
import { loadVisibleIntegration } from "./integration-access";
import { HealthCheck, type HealthCheckPage, type ListHealthChecksQuery, Uptime, type UptimeQuery } from "./schemas";

/** GET /integrations/{id}/health-checks: newest first. */
export async function listHealthChecks(db: Db, principal: Principal, id: string, q: ListHealthChecksQuery): Promise<HealthCheckPage> {
  const integration = await loadVisibleIntegration(db, principal, id, "read");
  const c = integrationHealthChecks;
  const rows = await db
    .select()
    .from(c)
    .where(
      and(
        eq(c.integrationId, integration.id),
        q.healthy ? eq(c.healthy, q.healthy === "true") : undefined,
        afterCursor(c.checkedAt, c.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(c.checkedAt, c.id))
    .limit(q.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r, createdAt: r.checkedAt })),
    q.limit,
    (r) =>
      HealthCheck.parse({
        id: r.id,
        checkedAt: r.checkedAt.toISOString(),
        healthy: r.healthy,
        httpStatus: r.httpStatus,
        latencyMs: r.latencyMs,
        error: r.error,
        status: r.status,
      }),
  );
}

const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);
const percent = (healthy: number, checks: number) => (checks ? Math.round((healthy / checks) * 10_000) / 100 : null);

/** GET /integrations/{id}/uptime: per UTC day of the last `days`, today included, every day listed. */
export async function integrationUptime(db: Db, principal: Principal, id: string, q: UptimeQuery, now: Date = new Date()): Promise<Uptime> {
  const integration = await loadVisibleIntegration(db, principal, id, "read");
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const from = today - (q.days - 1) * DAY_MS;
  const c = integrationHealthChecks;
  const day = sql<string>`to_char(${c.checkedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, checks: sql<number>`count(*)::int`, healthy: sql<number>`(count(*) filter (where ${c.healthy}))::int` })
    .from(c)
    .where(and(eq(c.integrationId, integration.id), gte(c.checkedAt, new Date(from))))
    .groupBy(day);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const data = Array.from({ length: q.days }, (_, i) => {
    const d = isoDay(from + i * DAY_MS);
    const r = byDay.get(d);
    const checks = Number(r?.checks ?? 0);
    const healthy = Number(r?.healthy ?? 0);
    return { day: d, checks, healthy, uptime: percent(healthy, checks) };
  });
  const checks = data.reduce((n, d) => n + d.checks, 0);
  const healthy = data.reduce((n, d) => n + d.healthy, 0);
  return Uptime.parse({ integrationId: integration.id, from: isoDay(from), to: isoDay(today), checks, healthy, uptime: percent(healthy, checks), data });
}
