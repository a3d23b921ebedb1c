import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";
import { INTEGRATION_JOINS, jobsJson, parseJobs, type DeliveryJob } from "@/lib/webhooks/delivery-job";
import { freeToClaim } from "./runner-leases";

export const CLAIM_LOCK_MS = 120_000;

/**
 * Claims up to `limit` due deliveries for this worker (`runnerId`: an embedded
 * runner, see runner-leases.ts) and returns them ready to send, in one
 * statement: pending or failed, due, and not held (see freeToClaim): a lock
 * that lapsed or whose runner stopped beating counts as free, which is how a
 * crash mid-attempt is recovered. SKIP LOCKED lets several workers claim at once
 * without waiting on each other.
 */
export async function claimDueDeliveries(
  db: Db,
  limit: number,
  opts: { now?: Date; skipEndpoints?: string[]; runnerId?: string } = {},
): Promise<DeliveryJob[]> {
  const { now = new Date(), skipEndpoints = [], runnerId = null } = opts;
  const at = now.toISOString();
  const skip = skipEndpoints.length
    ? sql`and endpoint_id not in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(skipEndpoints)}::jsonb))`
    : sql``;
  const result = await db.execute(sql`
    with due as (
      select id from ${webhookDeliveries}
      where status in ('pending', 'failed') and next_attempt_at <= ${at}::timestamptz
        and ${freeToClaim(now)} ${skip}
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    ), d as (
      update ${webhookDeliveries} w set locked_until = ${new Date(now.getTime() + CLAIM_LOCK_MS).toISOString()}::timestamptz,
        locked_by = ${runnerId}::uuid
      from due where w.id = due.id
      returning w.id, w.status, w.attempts, w.endpoint_id, w.event_id
    )
    select ${jobsJson(true)} as jobs
    from d
    left join ${webhookEndpoints} ep on ep.id = d.endpoint_id
    left join ${events} ev on ev.id = d.event_id
    ${INTEGRATION_JOINS}`);
  return parseJobs(rowsOf<{ jobs: string }>(result)[0].jobs);
}

/** Gives claimed rows back at once, so another worker can take them now. */
export async function releaseClaims(db: Db, ids: string[]) {
  await db.update(webhookDeliveries).set({ lockedUntil: null }).where(inArray(webhookDeliveries.id, ids));
}
