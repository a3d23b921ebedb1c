import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { usageCounters } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";

/**
 * Billable calls (metered calls answered 2xx) per partner between two days
 * (inclusive), in one statement for every partner asked (or all of them):
 * never a query per partner or per day.
 */
export async function billableCallsByPartner(db: Db, q: { from: string; to: string; partnerIds?: string[] }): Promise<Map<string, number>> {
  if (q.partnerIds && q.partnerIds.length === 0) return new Map();
  const only = q.partnerIds ? sql`and ${usageCounters.partnerId} = any(${sql.param(q.partnerIds)}::uuid[])` : sql``;
  const rows = await db.execute(sql`
    select ${usageCounters.partnerId} as partner_id, sum(${usageCounters.count})::bigint as calls
    from ${usageCounters}
    where ${usageCounters.day} between ${q.from} and ${q.to} and ${usageCounters.statusClass} = '2xx' ${only}
    group by 1`);
  return new Map(rowsOf<{ partner_id: string; calls: string | number }>(rows).map((r) => [r.partner_id, Number(r.calls)]));
}
