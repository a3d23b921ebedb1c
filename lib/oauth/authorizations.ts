import { and, eq, isNull, max, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { oauthClients, oauthConsents, oauthTokens, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { Forbidden, NotFound } from "@/lib/errors";
import { afterCursor, cursorOrder, toPage, type Page, type PageQuery } from "@/lib/pagination/cursor";
import { revokeTokens } from "./revoke-tokens";

export const Authorization = z
  .object({
    id: z.uuid(),
    clientId: z.string(),
    clientName: z.string(),
    partnerName: z.string(),
    accountId: z.uuid().nullable(),
    scopes: z.array(z.string()),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Authorization" });
export type Authorization = z.infer<typeof Authorization>;

function sessionUser(principal: Principal): string {
  if (principal.type !== "session" || !principal.userId) throw new Forbidden("Only a signed-in user can manage their authorized apps");
  return principal.userId;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The signed-in user's live consents, newest first, with when their tokens were last used. */
export async function listAuthorizations(db: Db, principal: Principal, q: PageQuery): Promise<Page<Authorization>> {
  const userId = sessionUser(principal);
  const lastUse = db
    .select({
      clientId: oauthTokens.clientId,
      accountId: oauthTokens.accountId,
      lastUsedAt: max(sql<Date>`coalesce(${oauthTokens.lastUsedAt}, ${oauthTokens.createdAt})`).as("last_used_at"),
    })
    .from(oauthTokens)
    .where(eq(oauthTokens.userId, userId))
    .groupBy(oauthTokens.clientId, oauthTokens.accountId)
    .as("last_use");
  const rows = await db
    .select({
      id: oauthConsents.id,
      clientId: oauthClients.clientId,
      clientName: oauthClients.name,
      partnerName: partners.name,
      accountId: oauthConsents.accountId,
      scopes: oauthConsents.scopes,
      createdAt: oauthConsents.createdAt,
      lastUsedAt: lastUse.lastUsedAt,
    })
    .from(oauthConsents)
    .innerJoin(oauthClients, eq(oauthClients.id, oauthConsents.clientId))
    .innerJoin(partners, eq(partners.id, oauthClients.partnerId))
    .leftJoin(lastUse, and(eq(lastUse.clientId, oauthConsents.clientId), sql`${lastUse.accountId} is not distinct from ${oauthConsents.accountId}`))
    .where(and(eq(oauthConsents.userId, userId), isNull(oauthConsents.revokedAt), afterCursor(oauthConsents.createdAt, oauthConsents.id, q.cursor)))
    .orderBy(...cursorOrder(oauthConsents.createdAt, oauthConsents.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, (r) => Authorization.parse({ ...r, createdAt: iso(r.createdAt), lastUsedAt: iso(r.lastUsedAt) }));
}

/** Withdraws a consent and revokes every token the app holds for this user and account. */
export async function revokeAuthorization(db: Db, principal: Principal, id: string): Promise<{ id: string; revoked: true }> {
  const userId = sessionUser(principal);
  if (!isUuid(id)) throw new NotFound("Authorization");
  const now = new Date();
  const [consent] = await db
    .update(oauthConsents)
    .set({ revokedAt: now, updatedAt: now })
    .where(and(eq(oauthConsents.id, id), eq(oauthConsents.userId, userId), isNull(oauthConsents.revokedAt)))
    .returning();
  if (!consent) throw new NotFound("Authorization");
  await revokeTokens(
    db,
    and(
      eq(oauthTokens.userId, userId),
      eq(oauthTokens.clientId, consent.clientId),
      consent.accountId ? eq(oauthTokens.accountId, consent.accountId) : isNull(oauthTokens.accountId),
    ),
    now,
  );
  return { id: consent.id, revoked: true };
}
