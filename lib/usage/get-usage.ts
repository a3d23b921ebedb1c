import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, usageCounters } from "@/db/schema";
import { Invalid } from "@/lib/errors";
import type { UsageSeries } from "./schemas";

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;

export type UsageFilter = { partnerId?: string; credentialId?: string; routeGroup?: string; from?: string; to?: string; breakdown?: boolean };

function range(from?: string, to?: string) {
  const toDay = to ?? new Date().toISOString().slice(0, 10);
  const fromDay = from ?? new Date(Date.parse(toDay) - 29 * DAY_MS).toISOString().slice(0, 10);
  const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS) + 1;
  if (days < 1) throw new Invalid("`from` must not be after `to`", [{ path: "from", message: "after to" }]);
  if (days > MAX_DAYS) throw new Invalid(`At most ${MAX_DAYS} days at once`, [{ path: "from", message: "range too long" }]);
  return { fromDay, toDay, days };
}

/** A daily series with every day present (zeros included), so charts need no gap filling. */
export async function getUsage(db: Db, f: UsageFilter): Promise<UsageSeries> {
  const { fromDay, toDay, days } = range(f.from, f.to);
  const where = and(
    f.partnerId ? eq(usageCounters.partnerId, f.partnerId) : undefined,
    f.credentialId ? eq(usageCounters.credentialId, f.credentialId) : undefined,
    f.routeGroup ? eq(usageCounters.routeGroup, f.routeGroup) : undefined,
    gte(usageCounters.day, fromDay),
    lte(usageCounters.day, toDay),
  );
  const rows = await db
    .select({
      day: usageCounters.day,
      credentialId: usageCounters.credentialId,
      routeGroup: usageCounters.routeGroup,
      statusClass: usageCounters.statusClass,
      count: sql<number>`sum(${usageCounters.count})::bigint`.mapWith(Number),
    })
    .from(usageCounters)
    .where(where)
    .groupBy(usageCounters.day, usageCounters.credentialId, usageCounters.routeGroup, usageCounters.statusClass);

  const dayList = Array.from({ length: days }, (_, i) => new Date(Date.parse(fromDay) + i * DAY_MS).toISOString().slice(0, 10));
  const byDay = new Map(dayList.map((d) => [d, { day: d, calls: 0, success: 0, clientErrors: 0, serverErrors: 0 }]));
  const byKey = new Map<string, Map<string, number>>();
  const byGroup = new Map<string, number>();
  for (const r of rows) {
    const d = byDay.get(String(r.day));
    if (!d) continue;
    d.calls += r.count;
    if (r.statusClass === "4xx") d.clientErrors += r.count;
    else if (r.statusClass === "5xx") d.serverErrors += r.count;
    else d.success += r.count;
    if (r.credentialId) {
      const m = byKey.get(r.credentialId) ?? new Map<string, number>();
      m.set(String(r.day), (m.get(String(r.day)) ?? 0) + r.count);
      byKey.set(r.credentialId, m);
    }
    byGroup.set(r.routeGroup, (byGroup.get(r.routeGroup) ?? 0) + r.count);
  }
  const series = [...byDay.values()];
  const calls = series.reduce((n, d) => n + d.calls, 0);
  const errors = series.reduce((n, d) => n + d.clientErrors + d.serverErrors, 0);
  const result: UsageSeries = { from: fromDay, to: toDay, totals: { calls, errors, errorRate: calls ? errors / calls : 0 }, days: series };
  if (f.breakdown) {
    const ids = [...byKey.keys()];
    const names = new Map(
      ids.length ? (await db.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, ids))).map((k) => [k.id, k.name]) : [],
    );
    result.byKey = ids.map((id) => ({ keyId: id, name: names.get(id) ?? null, days: dayList.map((d) => ({ day: d, calls: byKey.get(id)!.get(d) ?? 0 })) }));
    result.byRouteGroup = [...byGroup.entries()].map(([routeGroup, n]) => ({ routeGroup, calls: n })).sort((a, b) => b.calls - a.calls);
  }
  return result;
}
