import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { integrationHealthChecks } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";

/** Health checks are kept 30 days (the history and the uptime read no further back). */
export const HEALTH_CHECK_RETENTION_DAYS = 30;
const BATCH = 5_000;

/** Deletes checks older than the retention, in batches so no statement holds a large lock for long; returns how many. */
export async function pruneHealthChecks(db: Db, now: Date = new Date()): Promise<{ deleted: number }> {
  const before = new Date(now.getTime() - HEALTH_CHECK_RETENTION_DAYS * 86_400_000).toISOString();
  let deleted = 0;
  for (;;) {
    const result = await db.execute(sql`
      delete from ${integrationHealthChecks} where id in (
        select id from ${integrationHealthChecks} where checked_at < ${before}::timestamptz limit ${BATCH}
      ) returning id`);
    const n = rowsOf(result).length;
    deleted += n;
    if (n < BATCH) return { deleted };
  }
}
