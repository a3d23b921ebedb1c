import { and, asc, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import { freeToClaim } from "@/lib/jobs/runner-leases";

/** Due for over a minute and not held (see freeToClaim): its event was lost or its run died. */
export async function findStrandedDeliveries(db: Db, now = new Date(), limit = 500): Promise<string[]> {
  const overdue = new Date(now.getTime() - 60_000);
  const rows = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        // Spelled as in the partial claim index, so the planner can use it.
        sql`${webhookDeliveries.status} in ('pending', 'failed')`,
        lte(webhookDeliveries.nextAttemptAt, overdue),
        freeToClaim(now),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
