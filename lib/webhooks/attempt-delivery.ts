import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { config } from "@/lib/config";
import { disableEndpoint, FAILING_DAYS_BEFORE_DISABLE } from "./disable-endpoint";
import { signingSecrets } from "./endpoint-secrets";
import { nextAttemptDelaySeconds } from "./retry-schedule";
import { sendWebhook } from "./transport/send-webhook";
import { signPayload } from "./transport/sign";
import { webhookBody } from "./webhook-body";

export const ATTEMPT_LOCK_MS = 60_000;

export type AttemptOutcome =
  | { kind: "skipped"; reason: string }
  | { kind: "succeeded"; attempt: number; status: number }
  | { kind: "retry"; attempt: number; nextAttemptAt: Date; status: number | null; error: string | null }
  | { kind: "dead"; attempt: number; status: number | null; error: string | null };

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
    .returning();
  return row;
}

/**
 * One delivery attempt: sign the exact bytes, POST them (15 s, no redirects,
 * private addresses refused at connect time), record the attempt, then schedule
 * the next one, finish, or give up. The same function runs in an Inngest step,
 * the embedded runner, and a manual retry. `preclaimed`: the caller already
 * holds the row's lock (the embedded runner claims in batches).
 */
export async function attemptDelivery(db: Db, deliveryId: string, opts: { now?: Date; preclaimed?: boolean } = {}): Promise<AttemptOutcome> {
  const c = config();
  const now = opts.now ?? new Date();
  const delivery = opts.preclaimed
    ? (await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)))[0]
    : await claim(db, deliveryId, now);
  if (!delivery) return { kind: "skipped", reason: "finished, missing, or held by another worker" };
  if (delivery.status === "succeeded" || delivery.status === "dead") return { kind: "skipped", reason: delivery.status };

  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId));
  const [event] = await db.select().from(events).where(eq(events.id, delivery.eventId));
  const attempt = delivery.attempts + 1;

  if (!endpoint || endpoint.status !== "enabled" || !event) {
    const error = !endpoint ? "endpoint deleted" : !event ? "event missing" : `endpoint disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ""}`;
    await db
      .update(webhookDeliveries)
      .set({ status: "dead", lastError: error, nextAttemptAt: null, lockedUntil: null, updatedAt: now })
      .where(eq(webhookDeliveries.id, deliveryId));
    return { kind: "dead", attempt: delivery.attempts, status: null, error };
  }

  const body = webhookBody(event);
  const signature = signPayload({ secrets: signingSecrets(endpoint, now), msgId: event.id, timestamp: now, body });
  const requestHeaders = { "content-type": "application/json", ...signature };
  const started = Date.now();
  const result = await sendWebhook({ url: endpoint.url, headers: requestHeaders, body, allowPrivate: c.WEBHOOK_ALLOW_PRIVATE_URLS });
  const finished = new Date();
  const ok = result.status !== null && result.status >= 200 && result.status < 300;

  await db.insert(webhookAttempts).values({
    deliveryId,
    attemptNumber: attempt,
    requestHeaders,
    requestBody: body,
    responseStatus: result.status,
    responseHeaders: result.headers,
    responseBody: result.body,
    error: result.error,
    durationMs: result.durationMs ?? Date.now() - started,
    startedAt: now,
    finishedAt: finished,
  });

  const common = { attempts: attempt, lastAttemptAt: now, lastResponseStatus: result.status, lastError: result.error, lockedUntil: null, updatedAt: finished };
  if (ok) {
    await db.update(webhookDeliveries).set({ ...common, status: "succeeded", succeededAt: finished, nextAttemptAt: null, lastError: null }).where(eq(webhookDeliveries.id, deliveryId));
    await db.update(webhookEndpoints).set({ lastSuccessAt: finished, failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
    return { kind: "succeeded", attempt, status: result.status! };
  }

  // 410 Gone: the receiver says this endpoint no longer exists.
  if (result.status === 410) {
    await db.update(webhookDeliveries).set({ ...common, status: "dead", nextAttemptAt: null }).where(eq(webhookDeliveries.id, deliveryId));
    await disableEndpoint(db, endpoint, "The endpoint answered 410 Gone");
    return { kind: "dead", attempt, status: 410, error: result.error };
  }

  const retryAfter = result.status === 429 || result.status === 503 ? result.retryAfterSeconds : null;
  const delay = nextAttemptDelaySeconds(attempt, { delays: c.WEBHOOK_RETRY_DELAYS, maxAttempts: c.WEBHOOK_MAX_RETRIES, retryAfterSeconds: retryAfter });
  // An unbroken run of failures starts the auto-disable clock; any success resets it.
  const [ep] = await db
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
    .where(eq(webhookEndpoints.id, endpoint.id))
    .returning();
  if (ep?.failingSince && now.getTime() - ep.failingSince.getTime() >= FAILING_DAYS_BEFORE_DISABLE * 86_400_000) {
    await disableEndpoint(db, ep, `Every delivery failed for ${FAILING_DAYS_BEFORE_DISABLE} days`);
  }
  if (delay === null) {
    await db.update(webhookDeliveries).set({ ...common, status: "dead", nextAttemptAt: null }).where(eq(webhookDeliveries.id, deliveryId));
    return { kind: "dead", attempt, status: result.status, error: result.error };
  }
  const nextAttemptAt = new Date(finished.getTime() + delay * 1000);
  await db.update(webhookDeliveries).set({ ...common, status: "failed", nextAttemptAt }).where(eq(webhookDeliveries.id, deliveryId));
  return { kind: "retry", attempt, nextAttemptAt, status: result.status, error: result.error };
}
