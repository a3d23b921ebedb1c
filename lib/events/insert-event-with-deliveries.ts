import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { events, integrations, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { rowsOf } from "@/lib/db/rows";
import { FRESH_DELIVERY, jobsJson, parseJobs, type DeliveryJob } from "@/lib/webhooks/delivery-job";
import { fanoutDeliveryId } from "./fanout-delivery-id";
import { matchingPatterns } from "./match-patterns";

/**
 * Appends the event and creates its deliveries in ONE statement (atomic without
 * an explicit transaction, one round trip): for an explicit partner, that
 * partner's subscribed, enabled endpoints; otherwise those of every partner
 * with an active integration for the account.
 *
 * `claimForMs`: the deliveries are created already locked by the caller for
 * that long and come back ready to send (the embedded runner of this process
 * takes them straight from the publish, with no claim and no read). If the
 * process dies first, the locks lapse and any worker's sweep picks them up.
 */
export async function insertEventWithDeliveries(
  db: Db,
  e: { type: string; data: Record<string, unknown>; accountId: string | null; partnerId: string | null; createdBy: string; idempotencyKey: string | null },
  opts: { claimForMs?: number } = {},
): Promise<{ id: string; type: string; createdAt: Date; deliveryIds: string[]; jobs: DeliveryJob[] }> {
  const patterns = sql`array[${sql.join(matchingPatterns(e.type).map((p) => sql`${p}`), sql`, `)}]::text[]`;
  const targets = e.partnerId
    ? sql`select ${e.partnerId}::uuid as partner_id`
    : e.accountId
      ? sql`select distinct ${integrations.partnerId} as partner_id from ${integrations}
            where ${integrations.accountId} = ${e.accountId}::uuid and ${integrations.status} in ('active', 'degraded') and ${integrations.uninstalledAt} is null`
      : sql`select null::uuid as partner_id where false`;
  const lockedUntil = opts.claimForMs ? sql`now() + ${`${opts.claimForMs} milliseconds`}::interval` : sql`null::timestamptz`;
  const result = await db.execute(sql`
    with ev as (
      insert into ${events} (type, data, account_id, partner_id, created_by, idempotency_key)
      values (${e.type}, ${JSON.stringify(e.data)}::jsonb, ${e.accountId}::uuid, ${e.partnerId}::uuid, ${e.createdBy}, ${e.idempotencyKey})
      returning id, type, created_at, data
    ), ep as materialized (
      -- The subscribed endpoints, read once: the deliveries are made from them and
      -- the jobs carry them, so the endpoints are not looked up again by id.
      select ${fanoutDeliveryId(sql`ev.id`, sql`e.id`)} as delivery_id, e.id, e.partner_id, e.url, e.status, e.disabled_reason,
        e.max_concurrency, e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at
      from ev, ${webhookEndpoints} e
      where e.partner_id in (${targets}) and e.status = 'enabled' and e.event_types && ${patterns}
    ), d as (
      insert into ${webhookDeliveries} (id, event_id, endpoint_id, partner_id, event_type, next_attempt_at, locked_until)
      select ep.delivery_id, ev.id, ep.id, ep.partner_id, ev.type, now(), ${lockedUntil}
      from ev, ep
    )
    -- Every endpoint read got its delivery (the event is new, so no id can
    -- conflict; if one did, the whole statement would fail): the jobs are
    -- built from what was read, as fresh deliveries, without reading them back.
    select ev.id, ev.created_at, ev.data::text as data,
      (select ${jobsJson(false, FRESH_DELIVERY)} from ep) as jobs
    from ev`);
  const [row] = rowsOf<{ id: string; created_at: string | Date; data: string; jobs: string }>(result);
  const createdAt = new Date(row.created_at);
  // The body of every attempt is built from the event as stored (jsonb's key order), like retries read it.
  const event = { id: row.id, type: e.type, createdAt, data: JSON.parse(row.data) as Record<string, unknown>, accountId: e.accountId, partnerId: e.partnerId };
  const jobs = parseJobs(row.jobs, event);
  return { id: row.id, type: e.type, createdAt, deliveryIds: jobs.map((j) => j.deliveryId), jobs };
}
