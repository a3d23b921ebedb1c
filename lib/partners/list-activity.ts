import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, auditLog, oauthClients, oauthTokens, users } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { afterCursor, cursorOrder, toPage, type Page, type PageQuery } from "@/lib/pagination/cursor";
import { getPartnerRow } from "./get-partner";
import type { ActivityEntry } from "./schemas";

// The partner's recent activity for its dashboard: the audit log with each actor
// named (a member's name or email, a key's name, an OAuth client's name) instead of an id.

const actorName = sql<string>`coalesce(
  case ${auditLog.actorType}
    when 'session' then coalesce(nullif(${users.name}, ''), ${users.email})
    when 'api_key' then 'API key ' || ${apiKeys.name}
    when 'oauth' then 'OAuth client ' || ${oauthClients.name}
  end,
  case ${auditLog.actorType} when 'system' then 'Portico' else 'Someone no longer here' end
)`;

export async function listActivity(db: Db, principal: Principal, partnerId: string, q: PageQuery): Promise<Page<ActivityEntry>> {
  await getPartnerRow(db, principal, partnerId);
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorType: auditLog.actorType,
      actorName,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      requestId: auditLog.requestId,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, and(eq(auditLog.actorType, "session"), sql`${users.id}::text = ${auditLog.actorId}`))
    .leftJoin(apiKeys, and(eq(auditLog.actorType, "api_key"), sql`${apiKeys.id}::text = ${auditLog.actorId}`))
    .leftJoin(oauthTokens, and(eq(auditLog.actorType, "oauth"), sql`${oauthTokens.id}::text = ${auditLog.actorId}`))
    .leftJoin(oauthClients, eq(oauthClients.id, oauthTokens.clientId))
    .where(and(eq(auditLog.partnerId, partnerId), afterCursor(auditLog.createdAt, auditLog.id, q.cursor)))
    .orderBy(...cursorOrder(auditLog.createdAt, auditLog.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => ({
    id: r.id,
    action: r.action,
    actor: { type: r.actorType, name: r.actorName },
    targetType: r.targetType,
    targetId: r.targetId,
    requestId: r.requestId,
    createdAt: r.createdAt.toISOString(),
  }));
}
