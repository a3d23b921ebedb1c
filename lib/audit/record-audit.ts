import type { Db } from "@/db";
import { auditLog } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";

export type AuditEntry = {
  action: string;
  targetType: string;
  targetId?: string | null;
  partnerId?: string | null;
  accountId?: string | null;
  details?: Record<string, unknown>;
};

export type AuditContext = { requestId?: string | null; ip?: string | null };

export async function recordAudit(db: Db, actor: Principal | null, entry: AuditEntry, ctx: AuditContext = {}) {
  await db.insert(auditLog).values({
    actorType: actor?.type ?? "system",
    actorId: actor ? (actor.type === "session" ? actor.userId : actor.credentialId) : null,
    partnerId: entry.partnerId ?? actor?.partnerId ?? null,
    accountId: entry.accountId ?? actor?.accountId ?? null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    details: entry.details ?? {},
  });
}
