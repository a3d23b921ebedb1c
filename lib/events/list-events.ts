import { and, asc, count, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, events, partners, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { isUuid } from "@/lib/db/errors";
import { afterCursor, cursorOrder, toPage } from "@/lib/pagination/cursor";
import { toDelivery } from "@/lib/webhooks/deliveries";
import type { EventDetail, ListEventsQuery, PlatformEvent } from "./schemas";

// Reading the event log. Partners see events addressed to them or delivered to them.

function visibleEvents(p: Principal): SQL {
  if (isAdmin(p)) return sql`true`;
  if (!p.partnerId) return sql`false`;
  return or(
    eq(events.partnerId, p.partnerId),
    inArray(events.id, sql`(select ${webhookDeliveries.eventId} from ${webhookDeliveries} where ${webhookDeliveries.partnerId} = ${p.partnerId})`),
  )!;
}

type EventRow = { event: typeof events.$inferSelect; partnerName: string | null; accountName: string | null };

function toEvent({ event: r, partnerName, accountName }: EventRow): PlatformEvent {
  return {
    id: r.id,
    type: r.type,
    data: r.data,
    accountId: r.accountId,
    accountName: r.accountId ? accountName : null,
    partnerId: r.partnerId,
    partnerName: r.partnerId ? partnerName : null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Events with their target's names (readers see names, not UUIDs). */
const namedEvents = (db: Db) =>
  db
    .select({ event: events, partnerName: partners.name, accountName: accounts.name })
    .from(events)
    .leftJoin(partners, eq(partners.id, events.partnerId))
    .leftJoin(accounts, eq(accounts.id, events.accountId));

function typeFilter(type?: string) {
  if (!type) return undefined;
  if (type === "*") return undefined;
  if (type.endsWith(".*")) return sql`${events.type} like ${`${type.slice(0, -1)}%`}`;
  return eq(events.type, type);
}

export async function listEvents(db: Db, principal: Principal, q: ListEventsQuery) {
  const rows = await namedEvents(db)
    .where(
      and(
        visibleEvents(principal),
        typeFilter(q.type),
        q.from ? gte(events.createdAt, new Date(q.from)) : undefined,
        q.to ? lte(events.createdAt, new Date(q.to)) : undefined,
        q.partnerId && isAdmin(principal) ? eq(events.partnerId, q.partnerId) : undefined,
        afterCursor(events.createdAt, events.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(events.createdAt, events.id))
    .limit(q.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r, id: r.event.id, createdAt: r.event.createdAt })),
    q.limit,
    toEvent,
  );
}

export async function getEvent(db: Db, principal: Principal, id: string): Promise<EventDetail> {
  if (!isUuid(id)) throw new NotFound("Event");
  const [row] = await namedEvents(db).where(and(eq(events.id, id), visibleEvents(principal)));
  if (!row) throw new NotFound("Event");
  const deliveries = await db
    .select({ delivery: webhookDeliveries, partnerName: partners.name, endpointUrl: webhookEndpoints.url, endpointDescription: webhookEndpoints.description })
    .from(webhookDeliveries)
    .leftJoin(partners, eq(partners.id, webhookDeliveries.partnerId))
    .leftJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(and(eq(webhookDeliveries.eventId, id), isAdmin(principal) ? undefined : eq(webhookDeliveries.partnerId, principal.partnerId ?? "00000000-0000-0000-0000-000000000000")))
    .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id));
  return {
    ...toEvent(row),
    deliveries: deliveries.map((d) => ({
      ...toDelivery(d.delivery),
      partnerId: d.delivery.partnerId,
      partnerName: d.partnerName,
      endpointUrl: d.endpointUrl,
      endpointDescription: d.endpointDescription || null,
    })),
  };
}

export async function eventStats(db: Db, principal: Principal, q: { from?: string; to?: string }) {
  const to = q.to ? new Date(q.to) : new Date();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 7 * 86_400_000);
  const inRange = and(visibleEvents(principal), gte(events.createdAt, from), lte(events.createdAt, to));
  const byType = await db.select({ type: events.type, count: count() }).from(events).where(inRange).groupBy(events.type);
  const deliveryRows = await db
    .select({ status: webhookDeliveries.status, n: count() })
    .from(webhookDeliveries)
    .where(
      and(
        isAdmin(principal) ? undefined : eq(webhookDeliveries.partnerId, principal.partnerId ?? "00000000-0000-0000-0000-000000000000"),
        gte(webhookDeliveries.createdAt, from),
        lte(webhookDeliveries.createdAt, to),
      ),
    )
    .groupBy(webhookDeliveries.status);
  const deliveries = { pending: 0, succeeded: 0, failed: 0, dead: 0 };
  for (const r of deliveryRows) deliveries[r.status] = Number(r.n);
  const list = byType.map((t) => ({ type: t.type, count: Number(t.count) })).sort((a, b) => b.count - a.count);
  return { from: from.toISOString(), to: to.toISOString(), total: list.reduce((n, t) => n + t.count, 0), byType: list, deliveries };
}
