import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { config } from "@/lib/config";
import { freeToClaim } from "@/lib/jobs/runner-leases";
import { rowsOf } from "@/lib/db/rows";
import { INTEGRATION_JOINS, jobsJson, parseJobs, type DeliveryJob } from "./delivery-job";
import { planOutcome } from "./plan-outcome";
import { prepareRequest } from "./prepare-request";
import { recordOutcomes, type AttemptRecord } from "./record-outcomes";
import { signedSend, type Sender } from "./transport/signed-send";

export const ATTEMPT_LOCK_MS = 60_000;

export type AttemptOutcome =
  | { kind: "skipped"; reason: string }
  | { kind: "succeeded"; attempt: number; status: number }
  | { kind: "retry"; attempt: number; nextAttemptAt: Date; status: number | null; error: string | null }
  | { kind: "dead"; attempt: number; status: number | null; error: string | null };

/** Deliveries ready to send, by id, in one query. */
export async function loadDeliveryJobs(db: Db, ids: string[]): Promise<DeliveryJob[]> {
  if (!ids.length) return [];
  const result = await db.execute(sql`
    select ${jobsJson(true)} as jobs
    from ${webhookDeliveries} d
    left join ${webhookEndpoints} ep on ep.id = d.endpoint_id
    left join ${events} ev on ev.id = d.event_id
    ${INTEGRATION_JOINS}
    where d.id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`);
  return parseJobs(rowsOf<{ jobs: string }>(result)[0].jobs);
}

/** Takes the delivery for one attempt, unless another worker holds it or it is finished. */
async function claim(db: Db, deliveryId: string, now: Date) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ lockedUntil: new Date(now.getTime() + ATTEMPT_LOCK_MS), lockedBy: null })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        inArray(webhookDeliveries.status, ["pending", "failed"]),
        freeToClaim(now),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return row;
}

export type AttemptResult = AttemptRecord | { deadWithoutRequest: string; deliveryId: string };

/**
 * Performs one attempt of a claimed delivery and returns what to record, or a
 * dead-letter record without a request when the endpoint or event is gone.
 * Signs the exact bytes, POSTs them (no redirects, private addresses refused at
 * connect time), and plans the next step from the result.
 */
export async function performAttempt(job: DeliveryJob, opts: { now?: Date; timeoutMs?: number; send?: Sender } = {}): Promise<AttemptResult> {
  const c = config();
  const now = opts.now ?? new Date();
  const { endpoint, event } = job;
  if (!endpoint || endpoint.status !== "enabled" || !event) {
    const reason = !endpoint ? "endpoint deleted" : !event ? "event missing" : `endpoint disabled${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ""}`;
    return { deadWithoutRequest: reason, deliveryId: job.deliveryId };
  }
  const { body, secrets, bodyIsOwn } = prepareRequest(endpoint, event, now, job);
  const send = opts.send ?? signedSend;
  const { requestHeaders: headers, result } = await send({
    url: endpoint.url,
    body,
    msgId: event.id,
    timestamp: now.getTime(),
    secrets,
    allowPrivate: c.WEBHOOK_ALLOW_PRIVATE_URLS,
    timeoutMs: opts.timeoutMs ?? c.WEBHOOK_TIMEOUT_MS,
  });
  const finishedAt = new Date();
  const attempt = job.attempts + 1;
  const outcome = planOutcome({ attempt, result, finishedAt, delays: c.WEBHOOK_RETRY_DELAYS, maxAttempts: c.WEBHOOK_MAX_RETRIES });
  return {
    deliveryId: job.deliveryId,
    endpointId: endpoint.id,
    attempt,
    startedAt: now,
    finishedAt,
    requestHeaders: headers,
    // A body with integration fields is this delivery's own: stored, so retries and the log have it.
    requestBody: bodyIsOwn ? body : null,
    result,
    outcome,
  };
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
  const [job] = await loadDeliveryJobs(db, [deliveryId]);
  if (!job) return { kind: "skipped", reason: "missing" };
  if (job.status === "succeeded" || job.status === "dead") return { kind: "skipped", reason: job.status };
  const record = await performAttempt(job, { now, timeoutMs: opts.timeoutMs });
  if ("deadWithoutRequest" in record) {
    await markDeadWithoutRequest(db, deliveryId, record.deadWithoutRequest);
    return { kind: "dead", attempt: job.attempts, status: null, error: record.deadWithoutRequest };
  }
  await recordOutcomes(db, [record]);
  return toAttemptOutcome(record);
}
