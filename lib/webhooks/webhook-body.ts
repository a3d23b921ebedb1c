import type { BodyEvent } from "./delivery-job";

/**
 * The exact bytes sent and signed. Built from the stored event only, so every
 * retry of a delivery sends the same body with the same id and timestamp.
 */
export function webhookBody(e: BodyEvent): string {
  return JSON.stringify({
    id: e.id,
    type: e.type,
    timestamp: e.createdAt.toISOString(),
    data: e.data,
    ...(e.accountId ? { accountId: e.accountId } : {}),
    ...(e.partnerId ? { partnerId: e.partnerId } : {}),
  });
}
