import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { isUuid } from "@/lib/db/errors";
import { previousSecretLive } from "./endpoint-secrets";
import type { WebhookEndpoint } from "./schemas";

export function visibleEndpoints(p: Principal): SQL {
  if (isAdmin(p)) return sql`true`;
  if (!p.partnerId) return sql`false`;
  return eq(webhookEndpoints.partnerId, p.partnerId);
}

export async function endpointRow(db: Db, principal: Principal, id: string) {
  if (!isUuid(id)) throw new NotFound("Webhook endpoint");
  const [row] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), visibleEndpoints(principal))).limit(1);
  if (!row) throw new NotFound("Webhook endpoint");
  return row;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toEndpoint(r: typeof webhookEndpoints.$inferSelect, now = new Date()): WebhookEndpoint {
  return {
    id: r.id,
    partnerId: r.partnerId,
    url: r.url,
    description: r.description,
    eventTypes: r.eventTypes,
    status: r.status,
    disabledReason: r.disabledReason,
    failingSince: iso(r.failingSince),
    lastSuccessAt: iso(r.lastSuccessAt),
    secretRotating: previousSecretLive(r, now),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
