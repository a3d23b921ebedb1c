import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { notifications, partnerMembers, webhookEndpoints } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";

export const FAILING_DAYS_BEFORE_DISABLE = 5;

/** Disables an endpoint and tells its partner's owners and admins (in-portal notification + audit entry). */
export async function disableEndpoint(db: Db, endpoint: typeof webhookEndpoints.$inferSelect, reason: string) {
  const updated = await db
    .update(webhookEndpoints)
    .set({ status: "disabled", disabledReason: reason, disabledAt: new Date(), updatedAt: new Date() })
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.status, "enabled")))
    .returning({ id: webhookEndpoints.id });
  if (!updated.length) return;
  const owners = await db
    .select({ userId: partnerMembers.userId })
    .from(partnerMembers)
    .where(and(eq(partnerMembers.partnerId, endpoint.partnerId), inArray(partnerMembers.role, ["owner", "admin", "developer"])));
  if (owners.length) {
    await db.insert(notifications).values(
      owners.map((o) => ({
        userId: o.userId,
        partnerId: endpoint.partnerId,
        kind: "webhook.endpoint_disabled",
        title: `Webhook endpoint disabled: ${endpoint.url}`,
        body: `${reason}. Fix the receiver, then re-enable the endpoint and retry its failed deliveries.`,
      })),
    );
  }
  await recordAudit(db, null, {
    action: "webhook_endpoint.disabled",
    targetType: "webhook_endpoint",
    targetId: endpoint.id,
    partnerId: endpoint.partnerId,
    details: { reason, url: endpoint.url },
  });
}
