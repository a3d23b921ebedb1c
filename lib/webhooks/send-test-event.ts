import type { Db } from "@/db";
import { eventTypes, events, webhookDeliveries } from "@/db/schema";
import { eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { Invalid } from "@/lib/errors";
import { notifyDeliveriesScheduled } from "@/lib/jobs/notify";
import { endpointRow, toEndpoint } from "./endpoint-queries";
import { toDelivery } from "./deliveries";

/** "Send test event": the type's example payload, to this endpoint only, marked as a test. */
export async function sendTestEvent(db: Db, principal: Principal, endpointId: string, requestedType?: string) {
  const endpoint = await endpointRow(db, principal, endpointId);
  const type = requestedType ?? endpoint.eventTypes.find((t) => !t.includes("*")) ?? "lead.created";
  const [catalog] = await db.select().from(eventTypes).where(eq(eventTypes.name, type)).limit(1);
  if (!catalog) throw new Invalid(`Unknown event type ${type}`, [{ path: "type", message: "not in the event catalog" }]);
  const delivery = await db.transaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values({ type, data: { ...catalog.examplePayload, test: true }, partnerId: endpoint.partnerId, createdBy: `test:${endpoint.id}` })
      .returning();
    const [d] = await tx
      .insert(webhookDeliveries)
      .values({ eventId: event.id, endpointId: endpoint.id, partnerId: endpoint.partnerId, eventType: type, isTest: true, nextAttemptAt: new Date() })
      .returning();
    return d;
  });
  await notifyDeliveriesScheduled([delivery.id]);
  return { endpoint: toEndpoint(endpoint), delivery: toDelivery(delivery) };
}
