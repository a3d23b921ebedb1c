import { and, eq, getTableColumns, gt, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, partners, users } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { NotFound } from "@/lib/errors";
import { isUuid } from "@/lib/db/errors";
import type { ApiKey } from "./schemas";

/** Keys a principal may see: admins all, partner members and credentials their partner's. */
export function visibleKeys(p: Principal): SQL {
  if (isAdmin(p)) return sql`true`;
  if (!p.partnerId) return sql`false`;
  return eq(apiKeys.partnerId, p.partnerId);
}

/** SQL for the status a person sees (see effectiveStatus), so filters agree with the list. */
export function statusIs(status: ApiKey["status"], now = new Date()): SQL | undefined {
  const notExpired = or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now));
  switch (status) {
    case "active":
      return and(eq(apiKeys.status, "active"), notExpired);
    case "expiring":
      return and(eq(apiKeys.status, "expiring"), gt(apiKeys.graceEndsAt, now), notExpired);
    case "revoked":
      return eq(apiKeys.status, "revoked");
    case "expired":
      return or(
        eq(apiKeys.status, "expired"),
        and(sql`${apiKeys.status} <> 'revoked'`, lte(apiKeys.expiresAt, now)),
        and(eq(apiKeys.status, "expiring"), or(isNull(apiKeys.graceEndsAt), lte(apiKeys.graceEndsAt, now))),
      );
  }
}

export function keySelect(db: Db) {
  return db
    .select({ ...getTableColumns(apiKeys), createdByName: users.name, partnerTier: partners.tier })
    .from(apiKeys)
    .innerJoin(partners, eq(partners.id, apiKeys.partnerId))
    .leftJoin(users, eq(users.id, apiKeys.createdBy));
}

export async function keyRow(db: Db, principal: Principal, id: string) {
  if (!isUuid(id)) throw new NotFound("API key");
  const [row] = await keySelect(db)
    .where(and(eq(apiKeys.id, id), visibleKeys(principal)))
    .limit(1);
  if (!row) throw new NotFound("API key");
  return row;
}
