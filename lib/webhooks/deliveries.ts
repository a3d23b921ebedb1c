import { and, asc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { events, webhookAttempts, webhookDeliveries } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { isUuid } from "@/lib/db/errors";
import { notifyDeliveriesScheduled } from "@/lib/jobs/notify";
import { afterCursor, cursorOrder, toPage } from "@/lib/pagination/cursor";
import type { Delivery, ListDeliveriesQuery } from "./schemas";
import { webhookBody } from "./webhook-body";

// The delivery log: list with filters, one delivery with its attempts, manual retry.

export function visibleDeliveries(p: Principal): SQL {
  if (isAdmin(p)) return sql`true`;
  if (!p.partnerId) return sql`false`;
  return eq(webhookDeliveries.partnerId, p.partnerId);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDelivery(r: typeof webhookDeliveries.$inferSelect): Delivery {
  return {
    id: r.id,
    eventId: r.eventId,
    endpointId: r.endpointId,
    eventType: r.eventType,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt),
    lastResponseStatus: r.lastResponseStatus,
    lastError: r.lastError,
    isTest: r.isTest,
    createdAt: r.createdAt.toISOString(),
  };
}

function typeFilter(type?: string) {
  if (!type) return undefined;
  if (type.endsWith(".*")) return sql`${webhookDeliveries.eventType} like ${`${type.slice(0, -1)}%`}`;
  return eq(webhookDeliveries.eventType, type);
}

export async function listDeliveries(db: Db, principal: Principal, q: ListDeliveriesQuery) {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        visibleDeliveries(principal),
        q.status ? eq(webhookDeliveries.status, q.status) : undefined,
        q.endpointId ? eq(webhookDeliveries.endpointId, q.endpointId) : undefined,
        q.eventId ? eq(webhookDeliveries.eventId, q.eventId) : undefined,
        typeFilter(q.eventType),
        q.from ? gte(webhookDeliveries.createdAt, new Date(q.from)) : undefined,
        q.to ? lte(webhookDeliveries.createdAt, new Date(q.to)) : undefined,
        afterCursor(webhookDeliveries.createdAt, webhookDeliveries.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(webhookDeliveries.createdAt, webhookDeliveries.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toDelivery);
}

async function deliveryRow(db: Db, principal: Principal, id: string) {
  if (!isUuid(id)) throw new NotFound("Delivery");
  const [row] = await db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.id, id), visibleDeliveries(principal)));
  if (!row) throw new NotFound("Delivery");
  return row;
}

export async function getDelivery(db: Db, principal: Principal, id: string): Promise<Delivery> {
  const row = await deliveryRow(db, principal, id);
  const attempts = await db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id)).orderBy(asc(webhookAttempts.attemptNumber));
  // Attempts send the event's body (the same bytes every time); it is rebuilt here, not stored per attempt.
  let eventBody: string | null = null;
  if (attempts.some((a) => a.requestBody === null)) {
    const [event] = await db.select().from(events).where(eq(events.id, row.eventId));
    eventBody = event ? webhookBody(event) : null;
  }
  return {
    ...toDelivery(row),
    attemptsLog: attempts.map((a) => ({
      attemptNumber: a.attemptNumber,
      requestHeaders: a.requestHeaders,
      requestBody: a.requestBody ?? eventBody ?? "",
      responseStatus: a.responseStatus,
      responseHeaders: a.responseHeaders,
      responseBody: a.responseBody,
      error: a.error,
      durationMs: a.durationMs,
      startedAt: a.startedAt.toISOString(),
    })),
  };
}

/**
 * Sends a delivery again, now. For a dead one that is one more attempt (it stays
 * dead if that fails too); attempt numbers continue so the log keeps every try.
 */
export async function retryDeliveries(db: Db, principal: Principal, ids: string[]) {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: new Date(), lockedUntil: null, updatedAt: new Date() })
    .where(and(inArray(webhookDeliveries.id, ids), visibleDeliveries(principal), inArray(webhookDeliveries.status, ["failed", "dead", "succeeded"])))
    .returning();
  await notifyDeliveriesScheduled(rows.map((r) => r.id));
  return rows.map(toDelivery);
}

export async function retryDelivery(db: Db, principal: Principal, id: string) {
  const row = await deliveryRow(db, principal, id);
  if (row.status === "pending") return toDelivery(row);
  const [updated] = await retryDeliveries(db, principal, [id]);
  return updated ?? toDelivery(row);
}
