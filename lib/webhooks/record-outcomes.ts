import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
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
  requestBody: string;
  result: SendResult;
  outcome: PlannedOutcome;
};

const ts = (d: Date | null) => (d ? d.toISOString() : null);
const recentSuccess = new Map<string, number>();

/**
 * Writes many attempts at once: one insert of attempt rows, one update of their
 * deliveries, and one update per endpoint outcome. The embedded runner batches
 * here so the database is not the bottleneck of delivery throughput.
 */
export async function recordOutcomes(db: Db, records: AttemptRecord[]) {
  if (!records.length) return;
  await db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values(
      records.map((r) => ({
        deliveryId: r.deliveryId,
        attemptNumber: r.attempt,
        requestHeaders: r.requestHeaders,
        requestBody: r.requestBody,
        responseStatus: r.result.status,
        responseHeaders: r.result.headers,
        responseBody: r.result.body,
        error: r.result.error,
        durationMs: Math.round(r.result.durationMs),
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
      })),
    );
    const values = sql.join(
      records.map(
        (r) =>
          sql`(${r.deliveryId}::uuid, ${r.outcome.status}::webhook_delivery_status, ${r.attempt}::int, ${ts(r.outcome.nextAttemptAt)}::timestamptz, ${ts(r.startedAt)}::timestamptz, ${r.result.status}::int, ${r.outcome.status === "succeeded" ? null : r.result.error}::text, ${r.outcome.status === "succeeded" ? ts(r.finishedAt) : null}::timestamptz)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      update ${webhookDeliveries} as d set
        status = v.status, attempts = v.attempts, next_attempt_at = v.next_at, last_attempt_at = v.last_at,
        last_response_status = v.code, last_error = v.err, succeeded_at = coalesce(v.ok_at, d.succeeded_at),
        locked_until = null, updated_at = now()
      from (values ${values}) as v(id, status, attempts, next_at, last_at, code, err, ok_at)
      where d.id = v.id`);
  });

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
