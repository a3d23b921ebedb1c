import { randomBytes, randomUUID } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { oauthTokens } from "@/db/schema";
import { hasScope } from "@/lib/auth/scopes";
import { config } from "@/lib/config";
import type { TokenResponse } from "./client-credentials";
import type { AuthenticatedClient } from "./authenticate-client";
import { OAuthError } from "./oauth-error";
import { revokeTokens } from "./revoke-tokens";
import { generateAccessToken, hashSecret } from "./token-format";

export const REFRESH_TOKEN_PREFIX = "prtr_";
export const generateRefreshToken = () => `${REFRESH_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;

type Grant = {
  userId: string;
  accountId: string | null;
  familyId: string;
  parentId?: string | null;
  authorizationCodeId?: string | null;
};

/**
 * An access token (with `accessScopes`) and, when the client may refresh, a refresh
 * token (with `refreshScopes`), both in one family. Only hashes are stored. Scopes the client no
 * longer holds (narrowed since the grant: an edit, or an app version published with fewer) are
 * left out, so a code or refresh token from before the change cannot carry them on.
 */
export async function issueTokenPair(
  db: Db,
  client: AuthenticatedClient,
  grantedAccess: string[],
  grantedRefresh: string[],
  grant: Grant,
): Promise<TokenResponse> {
  const held = (scopes: string[]) => scopes.filter((s) => hasScope(client.scopes, s));
  const accessScopes = held(grantedAccess);
  const refreshScopes = held(grantedRefresh);
  if (!accessScopes.length) throw new OAuthError("invalid_scope", "The client no longer holds any of the scopes this grant was for");
  const access = generateAccessToken();
  const { OAUTH_TOKEN_LIFETIME: lifetime, OAUTH_REFRESH_TOKEN_LIFETIME: refreshLifetime } = config();
  const now = Date.now();
  const common = {
    clientId: client.id,
    partnerId: client.partnerId,
    userId: grant.userId,
    accountId: grant.accountId,
    familyId: grant.familyId,
    parentId: grant.parentId ?? null,
    authorizationCodeId: grant.authorizationCodeId ?? null,
  };
  const rows: (typeof oauthTokens.$inferInsert)[] = [
    { ...common, kind: "access", tokenHash: hashSecret(access), scopes: accessScopes, expiresAt: new Date(now + lifetime * 1000) },
  ];
  const refresh = client.grantTypes.includes("refresh_token") ? generateRefreshToken() : undefined;
  if (refresh) {
    rows.push({ ...common, kind: "refresh", tokenHash: hashSecret(refresh), scopes: refreshScopes, expiresAt: new Date(now + refreshLifetime * 1000) });
  }
  await db.insert(oauthTokens).values(rows);
  return {
    access_token: access,
    token_type: "Bearer",
    expires_in: lifetime,
    scope: accessScopes.join(" "),
    ...(refresh ? { refresh_token: refresh } : {}),
  };
}

/** Revokes every live token of a grant family. */
export async function revokeFamily(db: Db, familyId: string) {
  await revokeTokens(db, eq(oauthTokens.familyId, familyId));
}

/** RFC 6749 §6 with rotation: each refresh token works once; a replayed one revokes its family. */
export async function refreshTokenGrant(db: Db, client: AuthenticatedClient, form: Map<string, string>): Promise<TokenResponse> {
  if (!client.grantTypes.includes("refresh_token")) {
    throw new OAuthError("unauthorized_client", "This client may not use the refresh_token grant");
  }
  const presented = form.get("refresh_token");
  if (!presented) throw new OAuthError("invalid_request", "refresh_token is required");
  const [old] = await db
    .select()
    .from(oauthTokens)
    .where(and(eq(oauthTokens.tokenHash, hashSecret(presented)), eq(oauthTokens.kind, "refresh"), eq(oauthTokens.clientId, client.id)))
    .limit(1);
  if (!old || !old.familyId || !old.userId) throw new OAuthError("invalid_grant", "The refresh token is not valid");

  // The scope may narrow, never widen (checked before the token is spent).
  let scopes = old.scopes;
  const requested = form.get("scope");
  if (requested !== undefined) {
    const asked = [...new Set(requested.split(" ").filter(Boolean))];
    const bad = asked.filter((s) => !hasScope(old.scopes, s) || !hasScope(client.scopes, s));
    if (bad.length) throw new OAuthError("invalid_scope", `Not granted: ${bad.join(" ")}`);
    if (asked.length) scopes = asked;
  }

  const now = new Date();
  const [spent] = await db
    .update(oauthTokens)
    .set({ usedAt: now })
    .where(and(eq(oauthTokens.id, old.id), isNull(oauthTokens.usedAt), isNull(oauthTokens.revokedAt), gt(oauthTokens.expiresAt, now)))
    .returning({ id: oauthTokens.id });
  if (!spent) {
    // A spent token presented again means it leaked: end the whole grant.
    if (old.usedAt) await revokeFamily(db, old.familyId);
    throw new OAuthError("invalid_grant", "The refresh token is not valid");
  }
  return issueTokenPair(db, client, scopes, old.scopes, {
    userId: old.userId,
    accountId: old.accountId,
    familyId: old.familyId,
    parentId: old.id,
    authorizationCodeId: old.authorizationCodeId,
  });
}

export const newFamilyId = () => randomUUID();
