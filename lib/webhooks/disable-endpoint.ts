import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { notify } from "@/lib/notifications/notify";

export const FAILING_DAYS_BEFORE_DISABLE = 5;

/** Disables an endpoint and tells its partner's owners and admins (in-portal notification + audit entry). */
export async function disableEndpoint(db: Db, endpoint: typeof webhookEndpoints.$inferSelect, reason: string) {
  const updated = await db
    .update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: reason, disabledAt: new Date(), updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.status, "enabled")))
    .returning({ id: webhookEndpoints.id });
  if (!updated.length) return;
  await notify(db, {
    kind: "webhook.endpoint_disabled",
    to: { partner: endpoint.partnerId, roles: ["owner", "admin", "developer"] },
    partnerId: endpoint.partnerId,
    title: `Webhook endpoint disabled: ${endpoint.url}`,
    body: `${reason}. Fix the receiver, then re-enable the endpoint and retry its failed deliveries.`,
    link: "/webhooks",
  });
  await recordAudit(db, null, {
    action: "webhook_endpoint.disabled",
    targetType: "webhook_endpoint",
    targetId: endpoint.id,
    partnerId: endpoint.partnerId,
    details: { reason, url: endpoint.url },
  });
}
