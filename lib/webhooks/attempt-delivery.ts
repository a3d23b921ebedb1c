import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { config } from "@/lib/config";
import { planOutcome } from "./plan-outcome";
import { prepareRequest } from "./prepare-request";
import { recordOutcomes, type AttemptRecord } from "./record-outcomes";
import { sendWebhook } from "./transport/send-webhook";

export const ATTEMPT_LOCK_MS = 60_000;

export type AttemptOutcome =
  | { kind: "skipped"; reason: string }
  | { kind: "succeeded"; attempt: number; status: number }
  | { kind: "retry"; attempt: number; nextAttemptAt: Date; status: number | null; error: string | null }
  | { kind: "dead"; attempt: number; status: number | null; error: string | null };

type Loaded = { delivery: typeof webhookDeliveries.$inferSelect; endpoint: typeof webhookEndpoints.$inferSelect | null; event: typeof events.$inferSelect | null };

/** Deliveries with their endpoint and event, in one query. */
export async function loadDeliveries(db: Db, ids: string[]): Promise<Loaded[]> {
  if (!ids.length) return [];
  return db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: events })
    .from(webhookDeliveries)
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .leftJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(inArray(webhookDeliveries.id, ids));
}

/** Takes the delivery for one attempt, unless another worker holds it or it is finished. */
async function claim(db: Db, deliveryId: string, now: Date) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ lockedUntil: new Date(now.getTime() + ATTEMPT_LOCK_MS) })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        inArray(webhookDeliveries.status, ["pending", "failed"]),
        or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, now)),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return row;
}

/**
 * Performs one attempt of a claimed delivery and returns what to record, or a
 * dead-letter record without a request when the endpoint or event is gone.
 * Signs the exact bytes, POSTs them (no redirects, private addresses refused at
 * connect time), and plans the next step from the result.
 */
export async function performAttempt(loaded: Loaded, opts: { now?: Date; timeoutMs?: number } = {}): Promise<AttemptRecord | { deadWithoutRequest: string; deliveryId: string }> {
  const c = config();
  const now = opts.now ?? new Date();
  const { delivery, endpoint, event } = loaded;
  if (!endpoint || endpoint.status !== "enabled" || !event) {
    const reason = !endpoint ? "endpoint deleted" : !event ? "event missing" : `endpoint disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ""}`;
    return { deadWithoutRequest: reason, deliveryId: delivery.id };
  }
  const { body, headers } = prepareRequest(endpoint, event, now);
  const result = await sendWebhook({ url: endpoint.url, headers, body, allowPrivate: c.WEBHOOK_ALLOW_PRIVATE_URLS, timeoutMs: opts.timeoutMs ?? c.WEBHOOK_TIMEOUT_MS });
  const finishedAt = new Date();
  const attempt = delivery.attempts + 1;
  const outcome = planOutcome({ attempt, result, finishedAt, delays: c.WEBHOOK_RETRY_DELAYS, maxAttempts: c.WEBHOOK_MAX_RETRIES });
  return { deliveryId: delivery.id, endpointId: endpoint.id, attempt, startedAt: now, finishedAt, requestHeaders: headers, requestBody: body, result, outcome };
}

export async function markDeadWithoutRequest(db: Db, deliveryId: string, reason: string) {
  await db
    .update(webhookDeliveries)
    .set({ status: "dead", lastError: reason, nextAttemptAt: null, lockedUntil: null, updatedAt: new Date() })
    .where(eq(webhookDeliveries.id, deliveryId));
}

export function toAttemptOutcome(r: AttemptRecord): AttemptOutcome {
  if (r.outcome.status === "succeeded") return { kind: "succeeded", attempt: r.attempt, status: r.result.status! };
  if (r.outcome.status === "failed") return { kind: "retry", attempt: r.attempt, nextAttemptAt: r.outcome.nextAttemptAt!, status: r.result.status, error: r.result.error };
  return { kind: "dead", attempt: r.attempt, status: r.result.status, error: r.result.error };
}

/**
 * One attempt of one delivery, end to end: claim, send, record. Runs in an
 * Inngest step, a manual retry and tests; the embedded runner uses the same
 * performAttempt/recordOutcomes in batches. `preclaimed`: the caller holds the lock.
 */
export async function attemptDelivery(db: Db, deliveryId: string, opts: { now?: Date; preclaimed?: boolean; timeoutMs?: number } = {}): Promise<AttemptOutcome> {
  const now = opts.now ?? new Date();
  if (!opts.preclaimed && !(await claim(db, deliveryId, now))) return { kind: "skipped", reason: "finished, missing, or held by another worker" };
  const [loaded] = await loadDeliveries(db, [deliveryId]);
  if (!loaded) return { kind: "skipped", reason: "missing" };
  if (loaded.delivery.status === "succeeded" || loaded.delivery.status === "dead") return { kind: "skipped", reason: loaded.delivery.status };
  const record = await performAttempt(loaded, { now, timeoutMs: opts.timeoutMs });
  if ("deadWithoutRequest" in record) {
    await markDeadWithoutRequest(db, deliveryId, record.deadWithoutRequest);
    return { kind: "dead", attempt: loaded.delivery.attempts, status: null, error: record.deadWithoutRequest };
  }
  await recordOutcomes(db, [record]);
  return toAttemptOutcome(record);
}
