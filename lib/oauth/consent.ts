import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { oauthConsents } from "@/db/schema";
import { hasScope } from "@/lib/auth/scopes";

export type ConsentKey = { userId: string; clientId: string; accountId: string };

const keyWhere = (k: ConsentKey) => and(eq(oauthConsents.userId, k.userId), eq(oauthConsents.clientId, k.clientId), eq(oauthConsents.accountId, k.accountId));

/** A live consent of this user for this client and account that covers every requested scope. */
export async function findCoveringConsent(db: Db, key: ConsentKey, scopes: string[]) {
  const [row] = await db.select().from(oauthConsents).where(and(keyWhere(key), isNull(oauthConsents.revokedAt))).limit(1);
  if (!row || !scopes.every((s) => hasScope(row.scopes, s))) return null;
  return row;
}

/** Records (or widens, or renews after a revoke) the consent for (user, client, account). */
export async function rememberConsent(db: Db, key: ConsentKey, scopes: string[]) {
  const [row] = await db.select().from(oauthConsents).where(keyWhere(key)).limit(1);
  if (!row) {
    await db
      .insert(oauthConsents)
      .values({ ...key, scopes })
      .onConflictDoNothing();
    return;
  }
  const merged = row.revokedAt ? scopes : [...new Set([...row.scopes, ...scopes])];
  await db.update(oauthConsents).set({ scopes: merged, revokedAt: null, updatedAt: new Date() }).where(eq(oauthConsents.id, row.id));
}

const scopeWords: Record<string, string> = {
  read: "Read",
  write: "Create and change",
  manage: "Fully manage",
};
const areaWords: Record<string, string> = {
  "*": "all of your data",
  leads: "your leads",
  policies: "your policies",
  claims: "your claims",
  users: "your users",
  partners: "partner records",
  applications: "applications",
  keys: "API keys",
  webhooks: "webhooks",
  events: "events",
  marketplace: "marketplace data",
  billing: "billing",
  support: "support tickets",
};

/** A scope in plain words: "read:leads" → "Read your leads". */
export function describeScope(scope: string): string {
  const [verb, area] = scope.split(":");
  if (!verb || !area || !scopeWords[verb]) return scope;
  return `${scopeWords[verb]} ${areaWords[area] ?? area}`;
}
