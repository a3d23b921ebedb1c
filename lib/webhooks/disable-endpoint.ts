import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { notify } from "@/lib/notifications/notify";

export const FAILING_DAYS_BEFORE_DISABLE = 5;

/**
 * Disables an endpoint and tells its partner's owners, admins and developers (in-portal
 * notification, mail per preference, audit entry). One transaction: an endpoint is never
 * disabled without its partner hearing of it and the audit log saying why, and a failure
 * half-way leaves it enabled for the next health pass to try again.
 */
export async function disableEndpoint(db: Db, endpoint: typeof webhookEndpoints.$inferSelect, reason: string) {
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(webhookEndpoints)
      .set({ status: "disabled", disabledReason: reason, disabledAt: new Date(), updatedAt: new Date() })
      .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.status, "enabled")))
      .returning({ id: webhookEndpoints.id });
    if (!updated.length) return;
    await notify(tx, {
      kind: "webhook.endpoint_disabled",
      to: { partner: endpoint.partnerId, roles: ["owner", "admin", "developer"] },
      partnerId: endpoint.partnerId,
      title: `Webhook endpoint disabled: ${endpoint.url}`,
      body: `${reason}. Fix the receiver, then re-enable the endpoint and retry its failed deliveries.`,
      link: "/webhooks",
    });
    await recordAudit(tx, null, {
      action: "webhook_endpoint.disabled",
      targetType: "webhook_endpoint",
      targetId: endpoint.id,
      partnerId: endpoint.partnerId,
      details: { reason, url: endpoint.url },
    });
  });
}
