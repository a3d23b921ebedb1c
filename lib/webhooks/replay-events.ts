import { and, asc, eq, gt, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { events, webhookDeliveries, webhookReplayJobs } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { isUuid } from "@/lib/db/errors";
import { notifyDeliveriesScheduled } from "@/lib/jobs/notify";
import { endpointRow } from "./endpoint-queries";
import type { ReplayRequest } from "./schemas";

const PAGE = 200;

function toJob(j: typeof webhookReplayJobs.$inferSelect) {
  return {
    id: j.id,
    endpointId: j.endpointId,
    from: j.from.toISOString(),
    to: j.to.toISOString(),
    types: j.types,
    status: j.status,
    total: j.total,
    processed: j.processed,
    error: j.error,
    createdAt: j.createdAt.toISOString(),
  };
}

/** Which of a partner's stored events a replay covers. */
function replayable(partnerId: string, from: Date, to: Date, types: string[]) {
  const ownEvents = or(
    eq(events.partnerId, partnerId),
    inArray(events.id, sql`(select ${webhookDeliveries.eventId} from ${webhookDeliveries} where ${webhookDeliveries.partnerId} = ${partnerId})`),
  );
  const typeMatch = types.length
    ? or(...types.map((t) => (t === "*" ? sql`true` : t.endsWith(".*") ? sql`${events.type} like ${`${t.slice(0, -1)}%`}` : eq(events.type, t))))
    : undefined;
  return and(ownEvents, gte(events.createdAt, from), lte(events.createdAt, to), typeMatch, sql`${events.createdBy} not like 'test:%'`);
}

/** POST /events/replay: queues a background job; progress is on the job. */
export async function requestReplay(db: Db, principal: Principal, input: ReplayRequest) {
  const endpoint = await endpointRow(db, principal, input.endpointId);
  const from = new Date(input.from);
  const to = new Date(input.to);
  const types = input.types ?? [];
  const total = await db.$count(events, replayable(endpoint.partnerId, from, to, types));
  const [job] = await db
    .insert(webhookReplayJobs)
    .values({ partnerId: endpoint.partnerId, endpointId: endpoint.id, from, to, types, total, requestedBy: principal.userId })
    .returning();
  await notifyDeliveriesScheduled([]);
  return toJob(job);
}

export async function getReplayJob(db: Db, principal: Principal, id: string) {
  if (!isUuid(id)) throw new NotFound("Replay job");
  const [job] = await db.select().from(webhookReplayJobs).where(eq(webhookReplayJobs.id, id));
  if (!job || (!principal.isPlatformAdmin && job.partnerId !== principal.partnerId)) throw new NotFound("Replay job");
  return toJob(job);
}

/** Advances pending replay jobs by a page each: new deliveries for the endpoint, marked with the job. */
export async function processReplayJobs(db: Db) {
  const jobs = await db.select().from(webhookReplayJobs).where(inArray(webhookReplayJobs.status, ["pending", "running"])).limit(5);
  for (const job of jobs) {
    if (!job.endpointId) {
      await db.update(webhookReplayJobs).set({ status: "failed", error: "endpoint deleted", updatedAt: new Date() }).where(eq(webhookReplayJobs.id, job.id));
      continue;
    }
    const page = await db
      .select({ id: events.id, type: events.type, createdAt: events.createdAt })
      .from(events)
      .where(and(replayable(job.partnerId, job.from, job.to, job.types), job.cursor ? gt(events.id, job.cursor) : undefined))
      .orderBy(asc(events.id))
      .limit(PAGE);
    const ids = page.length
      ? (
          await db
            .insert(webhookDeliveries)
            .values(page.map((e) => ({ eventId: e.id, endpointId: job.endpointId!, partnerId: job.partnerId, eventType: e.type, replayJobId: job.id, nextAttemptAt: new Date() })))
            // A page repeated after a crash before its cursor was saved: those were replayed already.
            .onConflictDoNothing()
            .returning({ id: webhookDeliveries.id })
        ).map((r) => r.id)
      : [];
    const done = page.length < PAGE;
    await db
      .update(webhookReplayJobs)
      .set({
        status: done ? "succeeded" : "running",
        processed: job.processed + page.length,
        cursor: page.at(-1)?.id ?? job.cursor,
        updatedAt: new Date(),
      })
      .where(eq(webhookReplayJobs.id, job.id));
    if (ids.length) await notifyDeliveriesScheduled(ids);
  }
}

