import { and, arrayOverlaps, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { events, integrations, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { isAdmin, principalKey, type Principal } from "@/lib/auth/principal";
import { Forbidden, Invalid } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import { zodIssuesToFieldErrors } from "@/lib/http/parse";
import { notifyDeliveriesScheduled } from "@/lib/jobs/notify";
import { latestEventType, payloadValidator } from "./event-types";
import type { PublishEvent } from "./schemas";

/** The subscription patterns that match a type: exact, its area wildcard, or everything. */
export function matchingPatterns(type: string): string[] {
  return [type, `${type.split(".")[0]}.*`, "*"];
}

/** Creates a pending delivery for every enabled endpoint of these partners subscribed to the type. */
export async function fanOut(tx: Tx | Db, event: { id: string; type: string }, partnerIds: string[]): Promise<string[]> {
  if (!partnerIds.length) return [];
  const endpoints = await tx
    .select({ id: webhookEndpoints.id, partnerId: webhookEndpoints.partnerId })
    .from(webhookEndpoints)
    .where(
      and(
        inArray(webhookEndpoints.partnerId, partnerIds),
        eq(webhookEndpoints.status, "enabled"),
        arrayOverlaps(webhookEndpoints.eventTypes, matchingPatterns(event.type)),
      ),
    );
  if (!endpoints.length) return [];
  const rows = await tx
    .insert(webhookDeliveries)
    .values(endpoints.map((e) => ({ eventId: event.id, endpointId: e.id, partnerId: e.partnerId, eventType: event.type, nextAttemptAt: new Date() })))
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return rows.map((r) => r.id);
}

async function targetPartners(tx: Tx, input: { partnerId?: string; accountId?: string }): Promise<string[]> {
  if (input.partnerId) return [input.partnerId];
  if (!input.accountId) return [];
  const rows = await tx
    .selectDistinct({ partnerId: integrations.partnerId })
    .from(integrations)
    .where(and(eq(integrations.accountId, input.accountId), inArray(integrations.status, ["active", "degraded"]), isNull(integrations.uninstalledAt)));
  return rows.map((r) => r.partnerId);
}

/**
 * Validates `data` against the type's schema, appends the event, and fans out
 * deliveries in the same transaction: an event is never stored without the
 * deliveries it owes, nor the other way round.
 */
export async function publishEvent(db: Db, principal: Principal | null, input: PublishEvent, opts: { idempotencyKey?: string | null } = {}) {
  const target = { ...input };
  if (principal && !isAdmin(principal)) {
    if (input.accountId) throw new Forbidden("Only platform admins publish account-wide events");
    if (input.partnerId && input.partnerId !== principal.partnerId) throw new Forbidden("You can only publish events to your own partner");
    target.partnerId = principal.partnerId ?? undefined;
  }
  const type = await latestEventType(db, input.type);
  if (!type) throw new Invalid(`Unknown event type ${input.type}`, [{ path: "type", message: "not in the event catalog (GET /event-types)" }]);
  if (type.deprecated) throw new Invalid(`${input.type} is deprecated`, [{ path: "type", message: "deprecated" }]);
  const parsed = payloadValidator(type).safeParse(input.data);
  if (!parsed.success) {
    const errors = zodIssuesToFieldErrors(parsed.error.issues).map((e) => ({ ...e, path: e.path === "(root)" ? "data" : `data.${e.path}` }));
    throw new Invalid(`data does not match the ${input.type} schema: ${errors.map((e) => e.path).join(", ")}`, errors);
  }
  const createdBy = principal ? principalKey(principal) : "system";
  try {
    const result = await db.transaction(async (tx) => {
      const [event] = await tx
        .insert(events)
        .values({ type: input.type, data: input.data, accountId: input.accountId ?? null, partnerId: target.partnerId ?? null, createdBy, idempotencyKey: opts.idempotencyKey ?? null })
        .returning();
      const deliveryIds = await fanOut(tx, event, await targetPartners(tx, target));
      return { event, deliveryIds };
    });
    await notifyDeliveriesScheduled(result.deliveryIds);
    return { id: result.event.id, type: result.event.type, createdAt: result.event.createdAt.toISOString(), deliveries: result.deliveryIds.length };
  } catch (err) {
    if (opts.idempotencyKey && isUniqueViolation(err)) {
      // The same publisher sent this key before: answer with that event, never a second one.
      const [prior] = await db.select().from(events).where(and(eq(events.createdBy, createdBy), eq(events.idempotencyKey, opts.idempotencyKey)));
      const n = await db.$count(webhookDeliveries, eq(webhookDeliveries.eventId, prior.id));
      return { id: prior.id, type: prior.type, createdAt: prior.createdAt.toISOString(), deliveries: n };
    }
    throw err;
  }
}
