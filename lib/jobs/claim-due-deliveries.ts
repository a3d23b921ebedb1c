import { and, asc, inArray, isNull, lt, lte, notInArray, or } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookDeliveries } from "@/db/schema";

export const CLAIM_LOCK_MS = 120_000;

/**
 * Claims up to `limit` due deliveries for this worker: pending or failed, due,
 * and not held by a live lock. A lock that expired (its worker died) counts as
 * free, which is how a crash mid-attempt is recovered. SKIP LOCKED lets several
 * workers claim at once without waiting on each other.
 */
export async function claimDueDeliveries(db: Db, limit: number, now = new Date(), skipEndpoints: string[] = []) {
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.status, ["pending", "failed"]),
        lte(webhookDeliveries.nextAttemptAt, now),
        or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
        skipEndpoints.length ? notInArray(webhookDeliveries.endpointId, skipEndpoints) : undefined,
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(webhookDeliveries)
    .set({ lockedUntil: new Date(now.getTime() + CLAIM_LOCK_MS) })
    .where(inArray(webhookDeliveries.id, due))
    .returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId });
}

/** Gives claimed rows back at once (their endpoint was at its concurrency bound). */
export async function releaseClaims(db: Db, ids: string[]) {
  await db.update(webhookDeliveries).set({ lockedUntil: null }).where(inArray(webhookDeliveries.id, ids));
}
