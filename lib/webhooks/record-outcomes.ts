import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { preparedStatement } from "@/lib/db/prepared-statement";
import { disableEndpoint, FAILING_DAYS_BEFORE_DISABLE } from "./disable-endpoint";
import type { PlannedOutcome } from "./plan-outcome";
import type { SendResult } from "./transport/send-webhook";

export type AttemptRecord = {
  deliveryId: string;
  endpointId: string;
  attempt: number;
  startedAt: Date;
  finishedAt: Date;
  requestHeaders: Record<string, string>;
  /** Set when the body is not the event's alone (it names an integration): stored with the attempt. */
  requestBody?: string | null;
  result: SendResult;
  outcome: PlannedOutcome;
};

const ts = (d: Date | null) => (d ? d.toISOString() : null);
const recentSuccess = new Map<string, number>();

// Postgres text cannot hold U+0000; a receiver could answer with it, and one
// such body must not make a whole batch fail to record.
const storable = (s: string | null) => (s === null ? null : s.includes("\u0000") ? s.replaceAll("\u0000", "\uFFFD") : s);

// The attempts and their deliveries' new state, from one JSON array of rows (see recordOutcomes).
const writeAttempts = preparedStatement("portico_write_attempts", ["jsonb"], ([rows]) => sql`
  with v as materialized (
    select * from jsonb_to_recordset(${rows}) as x(
      delivery_id uuid, attempt_number int, request_headers jsonb, request_body text, response_status int,
      response_headers jsonb, response_body text, error text, duration_ms int, started_at timestamptz,
      finished_at timestamptz, status webhook_delivery_status, next_at timestamptz)
  ), updated as (
    update ${webhookDeliveries} as d set
      status = v.status, attempts = v.attempt_number, next_attempt_at = v.next_at, last_attempt_at = v.started_at,
      last_response_status = v.response_status,
      last_error = case when v.status = 'succeeded' then null else v.error end,
      succeeded_at = case when v.status = 'succeeded' then v.finished_at else d.succeeded_at end,
      locked_until = null, updated_at = now()
    from v
    -- A result that comes late (its sender was taken for dead and the delivery
    -- sent again) never overwrites what the delivery has come to since.
    where d.id = v.delivery_id and d.status in ('pending', 'failed') and d.attempts < v.attempt_number
    returning d.id
  )
  -- Only for deliveries that still exist (an endpoint may have been deleted meanwhile).
  insert into ${webhookAttempts} (delivery_id, attempt_number, request_headers, request_body, response_status,
    response_headers, response_body, error, duration_ms, started_at, finished_at)
  select v.delivery_id, v.attempt_number, v.request_headers, v.request_body, v.response_status,
    v.response_headers, v.response_body, v.error, v.duration_ms, v.started_at, v.finished_at
  from v join updated on updated.id = v.delivery_id
  -- Recorded already (the same attempt made twice, its first sender taken for dead): keep the first record.
  on conflict (delivery_id, attempt_number) do nothing`);

/**
 * Writes many attempts at once, in ONE statement (so atomically): the attempt
 * rows are inserted and their deliveries updated from a single JSON parameter.
 * The embedded runner batches here so the database is not the bottleneck of
 * delivery throughput; one parameter instead of a dozen per row also keeps
 * the statement cheap to bind on the embedded database.
 */
export async function recordOutcomes(db: Db, records: AttemptRecord[]) {
  if (!records.length) return;
  const rows = records.map((r) => ({
    delivery_id: r.deliveryId,
    attempt_number: r.attempt,
    request_headers: r.requestHeaders,
    // The event's body is not stored again per attempt (see webhookAttempts.requestBody); one that
    // names an integration is, since attempt 1's is what every retry resends (see DeliveryJob.storedBody).
    request_body: r.requestBody ?? null,
    response_status: r.result.status,
    response_headers: r.result.headers,
    response_body: storable(r.result.body),
    error: storable(r.result.error),
    duration_ms: Math.round(r.result.durationMs),
    started_at: r.startedAt.toISOString(),
    finished_at: r.finishedAt.toISOString(),
    status: r.outcome.status,
    next_at: ts(r.outcome.nextAttemptAt),
  }));
  await writeAttempts(db, [JSON.stringify(rows)]);

  // Endpoint health, after the deliveries are safe.
  const now = new Date();
  const succeeded = [...new Set(records.filter((r) => r.outcome.status === "succeeded").map((r) => r.endpointId))];
  const failedIds = [...new Set(records.filter((r) => r.outcome.status !== "succeeded" && !r.outcome.gone).map((r) => r.endpointId))].filter(
    (id) => !succeeded.includes(id),
  );
  // lastSuccessAt is kept to the second: a busy endpoint isn't rewritten on every batch.
  const stale = succeeded.filter((id) => now.getTime() - (recentSuccess.get(id) ?? 0) > 1000);
  if (stale.length) {
    await db.update(webhookEndpoints).set({ lastSuccessAt: now, failingSince: null }).where(inArray(webhookEndpoints.id, stale));
    for (const id of stale) recentSuccess.set(id, now.getTime());
    if (recentSuccess.size > 50_000) recentSuccess.clear();
  }
  for (const id of failedIds) recentSuccess.delete(id);
  if (failedIds.length) {
    // An unbroken run of failures starts the auto-disable clock; any success resets it.
    await db.update(webhookEndpoints).set({ failingSince: now }).where(and(inArray(webhookEndpoints.id, failedIds), isNull(webhookEndpoints.failingSince)));
    const failingTooLong = await db
      .select()
      .from(webhookEndpoints)
      .where(
        and(
          inArray(webhookEndpoints.id, failedIds),
          eq(webhookEndpoints.status, "enabled"),
          lte(webhookEndpoints.failingSince, new Date(now.getTime() - FAILING_DAYS_BEFORE_DISABLE * 86_400_000)),
        ),
      );
    for (const e of failingTooLong) await disableEndpoint(db, e, `Every delivery failed for ${FAILING_DAYS_BEFORE_DISABLE} days`);
  }
  for (const id of new Set(records.filter((r) => r.outcome.gone).map((r) => r.endpointId))) {
    const [e] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    if (e) await disableEndpoint(db, e, "The endpoint answered 410 Gone");
  }
}
