import type { Db } from "@/db";
import { publishEvent } from "@/lib/events/publish-event";

export type IntegrationRef = { id: string; partnerId: string; applicationId: string; accountId: string };

type IntegrationEvent =
  | { type: "integration.connected" }
  | { type: "integration.disconnected"; reason?: string }
  | { type: "integration.failed"; error: string };

/**
 * Publishes an integration's lifecycle event to the partner whose app it is (not to every partner
 * installed in the account). Published by the platform, so no principal; pass the caller's
 * transaction to have the event stand or fall with the change it reports.
 */
export async function publishIntegrationEvent(db: Db, i: IntegrationRef, e: IntegrationEvent) {
  const { type, ...extra } = e;
  return publishEvent(db, null, {
    type,
    partnerId: i.partnerId,
    accountId: i.accountId,
    data: { integrationId: i.id, applicationId: i.applicationId, accountId: i.accountId, ...extra },
  });
}
