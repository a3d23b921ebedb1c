import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { events, integrations, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { matchingPatterns } from "./match-patterns";

type Row = { id: string; type: string; created_at: string | Date; deliveries: string[] | null };

/**
 * Appends the event and creates its deliveries in ONE statement (atomic without
 * an explicit transaction, one round trip): for an explicit partner, that
 * partner's subscribed, enabled endpoints; otherwise those of every partner
 * with an active integration for the account.
 */
export async function insertEventWithDeliveries(
  db: Db,
  e: { type: string; data: Record<string, unknown>; accountId: string | null; partnerId: string | null; createdBy: string; idempotencyKey: string | null },
) {
  const patterns = sql`array[${sql.join(matchingPatterns(e.type).map((p) => sql`${p}`), sql`, `)}]::text[]`;
  const targets = e.partnerId
    ? sql`select ${e.partnerId}::uuid as partner_id`
    : e.accountId
      ? sql`select distinct ${integrations.partnerId} as partner_id from ${integrations}
            where ${integrations.accountId} = ${e.accountId}::uuid and ${integrations.status} in ('active', 'degraded') and ${integrations.uninstalledAt} is null`
      : sql`select null::uuid as partner_id where false`;
  const result = await db.execute(sql`
    with ev as (
      insert into ${events} (type, data, account_id, partner_id, created_by, idempotency_key)
      values (${e.type}, ${JSON.stringify(e.data)}::jsonb, ${e.accountId}::uuid, ${e.partnerId}::uuid, ${e.createdBy}, ${e.idempotencyKey})
      returning id, type, created_at
    ), d as (
      insert into ${webhookDeliveries} (event_id, endpoint_id, partner_id, event_type, next_attempt_at)
      select ev.id, ep.id, ep.partner_id, ev.type, now()
      from ev, ${webhookEndpoints} ep
      where ep.partner_id in (${targets}) and ep.status = 'enabled' and ep.event_types && ${patterns}
      on conflict do nothing
      returning id
    )
    select ev.id, ev.type, ev.created_at, (select array_agg(id) from d) as deliveries from ev`);
  const rows = (Array.isArray(result) ? result : (result as unknown as { rows: Row[] }).rows) as Row[];
  const row = rows[0];
  return { id: row.id, type: row.type, createdAt: new Date(row.created_at), deliveryIds: row.deliveries ?? [] };
}
