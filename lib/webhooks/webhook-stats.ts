import { and, count, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { visibleDeliveries } from "./deliveries";

/** Delivery counts by status and, per endpoint, attempt success rate and latency percentiles. */
export async function webhookStats(db: Db, principal: Principal, q: { from?: string; to?: string }) {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
  const inRange = and(visibleDeliveries(principal), gte(webhookDeliveries.createdAt, from), lte(webhookDeliveries.createdAt, to));
  const statusRows = await db.select({ status: webhookDeliveries.status, n: count() }).from(webhookDeliveries).where(inRange).groupBy(webhookDeliveries.status);
  const byStatus = { pending: 0, succeeded: 0, failed: 0, dead: 0 };
  for (const r of statusRows) byStatus[r.status] = Number(r.n);
  const perEndpoint = await db
    .select({
      endpointId: webhookEndpoints.id,
      url: webhookEndpoints.url,
      attempts: count(),
      ok: sql<number>`count(*) filter (where ${webhookAttempts.responseStatus} between 200 and 299)`.mapWith(Number),
      p50: sql<number | null>`percentile_cont(0.5) within group (order by ${webhookAttempts.durationMs})`.mapWith((v) => (v == null ? null : Number(v))),
      p95: sql<number | null>`percentile_cont(0.95) within group (order by ${webhookAttempts.durationMs})`.mapWith((v) => (v == null ? null : Number(v))),
    })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(inRange, gte(webhookAttempts.startedAt, from)))
    .groupBy(webhookEndpoints.id, webhookEndpoints.url);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    byStatus,
    endpoints: perEndpoint.map((e) => ({
      endpointId: e.endpointId,
      url: e.url,
      attempts: Number(e.attempts),
      successRate: Number(e.attempts) ? e.ok / Number(e.attempts) : 0,
      p50Ms: e.p50 == null ? null : Math.round(e.p50),
      p95Ms: e.p95 == null ? null : Math.round(e.p95),
    })),
  };
}
