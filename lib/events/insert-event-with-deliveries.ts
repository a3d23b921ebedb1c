import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { events, integrations, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { rowsOf } from "@/lib/db/rows";
import { FRESH_DELIVERY, FRESH_INTEGRATION, INTEGRATION_ORDER, jobsJson, mappingsJson, parseJobs, type DeliveryJob } from "@/lib/webhooks/delivery-job";
import { fanoutDeliveryId } from "./fanout-delivery-id";
import { matchingPatterns } from "./match-patterns";

export type NewEvent = {
  type: string;
  data: Record<string, unknown>;
  accountId: string | null;
  partnerId: string | null;
  createdBy: string;
  idempotencyKey: string | null;
  /** The deliveries are created already locked by the caller for that long (see below). */
  claimForMs?: number;
  /** The embedded runner that caller is (see runner-leases.ts). */
  claimBy?: string;
};

export type InsertedEvent = { id: string; type: string; createdAt: Date; deliveryIds: string[]; jobs: DeliveryJob[] };

// One statement for any number of events (see insertEventsWithDeliveries).
const fanout = preparedStatement("portico_fanout", ["jsonb"], ([input]) => sql`
  with input as materialized (
    select * from jsonb_to_recordset(${input}) as x(id uuid, type text, data jsonb,
      account_id uuid, partner_id uuid, created_by text, idempotency_key text, patterns text[], claim_ms int, claim_by uuid)
  ), ev as (
    insert into ${events} (id, type, data, account_id, partner_id, created_by, idempotency_key)
    select id, type, data, account_id, partner_id, created_by, idempotency_key from input
    returning id, created_at, data
  ), ep as materialized (
    -- The subscribed endpoints, read once: the deliveries are made from them and
    -- the jobs carry them, so the endpoints are not looked up again by id.
    -- With the integration each partner's webhook names (an event with an account: see
    -- INTEGRATION_ORDER) and its mappings, so the first attempt's body needs no read of its own.
    select ${fanoutDeliveryId(sql`i.id`, sql`e.id`)} as delivery_id, i.id as event_id, i.type as event_type, i.claim_ms, i.claim_by,
      e.id, e.partner_id, e.url, e.status, e.disabled_reason,
      e.max_concurrency, e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at,
      target.integration_id,
      case when target.integration_id is null then null else ${sql.raw(mappingsJson("target.integration_id"))} end as mappings
    from input i
    cross join lateral (
      select i.partner_id as partner_id,
        (select g.id from ${integrations} g
         where i.account_id is not null and g.account_id = i.account_id and g.partner_id = i.partner_id
           and g.uninstalled_at is null and g.status in ('active', 'degraded', 'failed')
         order by ${sql.raw(INTEGRATION_ORDER)} limit 1) as integration_id
      where i.partner_id is not null
      union all
      (select distinct on (g.partner_id) g.partner_id, g.id from ${integrations} g
      where i.partner_id is null and g.account_id = i.account_id and g.status in ('active', 'degraded') and g.uninstalled_at is null
      order by g.partner_id, ${sql.raw(INTEGRATION_ORDER)})
    ) target
    join ${webhookEndpoints} e on e.partner_id = target.partner_id and e.status = 'enabled' and e.event_types && i.patterns
  ), d as (
    insert into ${webhookDeliveries} (id, event_id, endpoint_id, partner_id, event_type, next_attempt_at, locked_until, locked_by)
    select delivery_id, event_id, id, partner_id, event_type, now(), now() + claim_ms * interval '1 millisecond', claim_by
    from ep
  ), jobs as (
    -- Every endpoint read got its delivery (the events are new, so no id can
    -- conflict; if one did, the whole statement would fail): the jobs are
    -- built from what was read, as fresh deliveries, without reading them back.
    select ep.event_id, ${jobsJson(false, FRESH_DELIVERY, FRESH_INTEGRATION)} as jobs from ep group by ep.event_id
  )
  select ev.id, ev.created_at, ev.data::text as data, coalesce(jobs.jobs, '[]') as jobs
  from ev left join jobs on jobs.event_id = ev.id`);

/**
 * Appends events and creates their deliveries in ONE statement (atomic without
 * an explicit transaction, one round trip, however many events): for an event
 * with a partner, that partner's subscribed, enabled endpoints; otherwise those
 * of every partner with an active integration for its account. Results come in
 * the order of `list`. For an event with an account, each job carries the
 * integration its body names and that integration's mappings.
 *
 * `claimForMs`: the deliveries come back ready to send, locked by the caller
 * (`claimBy`: the embedded runner of this process, which takes them straight
 * from the publish, with no claim and no read). If the process dies first,
 * the locks are free once its runner stops beating or they lapse, and any
 * worker's claim picks them up.
 */
export async function insertEventsWithDeliveries(db: Db, list: NewEvent[]): Promise<InsertedEvent[]> {
  // Ids made here, not by the database: they tie each result row to its input.
  const input = list.map((e) => ({
    id: randomUUID(),
    type: e.type,
    data: e.data,
    account_id: e.accountId,
    partner_id: e.partnerId,
    created_by: e.createdBy,
    idempotency_key: e.idempotencyKey,
    patterns: matchingPatterns(e.type),
    claim_ms: e.claimForMs ?? null,
    claim_by: e.claimBy ?? null,
  }));
  const result = await fanout(db, [JSON.stringify(input)]);
  const rows = new Map(rowsOf<{ id: string; created_at: string | Date; data: string; jobs: string }>(result).map((r) => [r.id, r]));
  return list.map((e, i) => {
    const row = rows.get(input[i].id)!;
    const createdAt = new Date(row.created_at);
    // The body of every attempt is built from the event as stored (jsonb's key order), like retries read it.
    const event = { id: row.id, type: e.type, createdAt, data: JSON.parse(row.data) as Record<string, unknown>, accountId: e.accountId, partnerId: e.partnerId };
    const jobs = parseJobs(row.jobs, event);
    return { id: row.id, type: e.type, createdAt, deliveryIds: jobs.map((j) => j.deliveryId), jobs };
  });
}
