import type { Db } from "@/db";
import { Invalid } from "@/lib/errors";
import { notifyDeliveriesScheduled } from "@/lib/jobs/notify";
import { latestEventType, payloadValidator } from "./event-types";
import { insertEventsWithDeliveries } from "./insert-event-with-deliveries";

export type SystemEvent = { partnerId: string; data: Record<string, unknown> };

/**
 * Many platform events of one type in one fan-out statement, on the caller's
 * transaction (a month-end run publishes thousands: one statement per batch,
 * not one per invoice). Payloads are validated like publishEvent's. Call
 * `announce` with the result after the transaction commits, so the runner
 * picks the deliveries up at once rather than at its next sweep.
 */
export async function publishSystemEvents(tx: Db, type: string, list: SystemEvent[]) {
  if (!list.length) return { deliveryIds: [] as string[] };
  const t = await latestEventType(tx, type);
  if (!t) throw new Error(`event type ${type} is not in the catalog`);
  const validator = payloadValidator(t);
  for (const e of list) {
    const parsed = validator.safeParse(e.data);
    if (!parsed.success) throw new Invalid(`${type} payload does not match its schema`);
  }
  const inserted = await insertEventsWithDeliveries(
    tx,
    list.map((e) => ({ type, data: e.data, accountId: null, partnerId: e.partnerId, createdBy: "system", idempotencyKey: null })),
  );
  return { deliveryIds: inserted.flatMap((i) => i.deliveryIds) };
}

export async function announce(published: { deliveryIds: string[] }) {
  if (published.deliveryIds.length) await notifyDeliveriesScheduled(published.deliveryIds);
}
