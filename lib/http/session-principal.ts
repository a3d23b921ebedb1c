import { decode } from "next-auth/jwt";
import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { accountMembers, partnerMembers, users } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { sessionScopes } from "@/lib/auth/session-scopes";
import { config } from "@/lib/config";

export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const idx = part.indexOf("=");
    if (idx < 0) continue;
    if (part.slice(0, idx).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(idx + 1).trim());
    } catch {
      // A cookie that is not valid percent-encoding is no session: signed out, not a 500.
      return undefined;
    }
  }
  return undefined;
}

/** The user id in the request's next-auth session cookie, if it decodes. */
export async function sessionUserId(req: Request): Promise<string | null> {
  const cookie = req.headers.get("cookie");
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookie, name);
    if (!token) continue;
    try {
      const jwt = await decode({ token, secret: config().AUTH_SECRET });
      if (jwt?.sub) return jwt.sub;
    } catch {
      // An undecodable cookie is no session.
    }
  }
  return null;
}

/**
 * Rebuilds the principal from the database on every request, so a removed
 * membership or a revoked admin flag takes effect at once rather than at JWT expiry.
 */
export async function principalForUser(db: Db, userId: string): Promise<Principal | null> {
  // One round trip per portal request: the user with their first partner and account membership.
  const firstPartner = db
    .select({ partnerId: partnerMembers.partnerId, role: partnerMembers.role })
    .from(partnerMembers)
    .where(eq(partnerMembers.userId, userId))
    .orderBy(asc(partnerMembers.createdAt))
    .limit(1)
    .as("first_partner");
  const firstAccount = db
    .select({ accountId: accountMembers.accountId })
    .from(accountMembers)
    .where(eq(accountMembers.userId, userId))
    .orderBy(asc(accountMembers.createdAt))
    .limit(1)
    .as("first_account");
  const [row] = await db
    .select({
      id: users.id,
      isPlatformAdmin: users.isPlatformAdmin,
      partnerId: firstPartner.partnerId,
      partnerRole: firstPartner.role,
      accountId: firstAccount.accountId,
    })
    .from(users)
    .leftJoin(firstPartner, sql`true`)
    .leftJoin(firstAccount, sql`true`)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const partnerRole = row.partnerRole ?? null;
  const accountId = row.accountId ?? null;
  return {
    type: "session",
    userId: row.id,
    partnerId: row.partnerId ?? null,
    partnerRole,
    accountId,
    isPlatformAdmin: row.isPlatformAdmin,
    scopes: sessionScopes({ isPlatformAdmin: row.isPlatformAdmin, partnerRole, accountId }),
    credentialId: null,
  };
}
