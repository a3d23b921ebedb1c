import type { BodyEvent } from "./delivery-job";

/** What a webhook to the partner of an integration adds: the integration, and its mapped fields. */
export type IntegrationFields = { integrationId: string; mapped?: Record<string, unknown> };

/**
 * The exact bytes sent and signed. Built from the stored event (and, for a
 * partner installed in the event's account, the integration fields computed
 * at the first attempt and stored with it), so every retry of a delivery sends
 * the same body with the same id and timestamp.
 */
export function webhookBody(e: BodyEvent, integration?: IntegrationFields | null): string {
  return JSON.stringify({
    id: e.id,
    type: e.type,
    timestamp: e.createdAt.toISOString(),
    data: e.data,
    ...(e.accountId ? { accountId: e.accountId } : {}),
    ...(e.partnerId ? { partnerId: e.partnerId } : {}),
    ...(integration ? { integrationId: integration.integrationId } : {}),
    ...(integration?.mapped ? { mapped: integration.mapped } : {}),
  });
}
