import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { scheduledJobRuns } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";

/** Run rows are kept 90 days (an every-minute job writes 1,440 a day). */
export const JOB_RUN_RETENTION_DAYS = 90;

/**
 * Deletes old run rows, except each job's latest: it is what tells the
 * scheduler which slot ran last, so a monthly job's slot is never taken for
 * missed once its row grows old.
 */
export async function pruneJobRuns(db: Db, now: Date = new Date()): Promise<{ deleted: number }> {
  const before = new Date(now.getTime() - JOB_RUN_RETENTION_DAYS * 86_400_000).toISOString();
  const result = await db.execute(sql`
    delete from ${scheduledJobRuns} r
    where r.started_at < ${before}::timestamptz
      and r.slot < (select max(l.slot) from ${scheduledJobRuns} l where l.job = r.job)
    returning r.id`);
  return { deleted: rowsOf(result).length };
}
