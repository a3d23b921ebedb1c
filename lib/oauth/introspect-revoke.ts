import { and, eq, or } from "drizzle-orm";
import type { Db } from "@/db";
import { oauthTokens } from "@/db/schema";
import type { AuthenticatedClient } from "./authenticate-client";
import { OAuthError } from "./oauth-error";
import { checkToken, loadToken } from "./token-bearer-resolver";
import { revokeTokens } from "./revoke-tokens";

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

function requireToken(form: Map<string, string>): string {
  const token = form.get("token");
  if (!token) throw new OAuthError("invalid_request", "token is required");
  return token;
}

/** RFC 7662. Only the client a token was issued to learns anything about it. */
export async function introspectToken(db: Db, client: AuthenticatedClient, form: Map<string, string>): Promise<Record<string, unknown>> {
  const record = await loadToken(db, requireToken(form));
  if (!record || record.clientId !== client.id) return { active: false };
  const now = new Date();
  const live = record.kind === "access" ? checkToken(record, now).valid : !record.revokedAt && record.expiresAt > now && record.partnerStatus === "active" && record.clientStatus === "active" && !(record.appSunsetAt && record.appSunsetAt <= now);
  if (!live) return { active: false };
  return {
    active: true,
    scope: record.scopes.join(" "),
    client_id: record.publicClientId,
    exp: seconds(record.expiresAt),
    iat: seconds(record.createdAt),
    sub: record.partnerId,
    token_type: record.kind === "access" ? "Bearer" : "refresh_token",
  };
}

/** RFC 7009: whatever the token, the caller learns nothing; only the owning client revokes. */
export async function revokeToken(db: Db, client: AuthenticatedClient, form: Map<string, string>): Promise<void> {
  const record = await loadToken(db, requireToken(form));
  if (!record || record.clientId !== client.id || record.revokedAt) return;
  // A revoked refresh token takes its whole grant (family) with it.
  const target = record.kind === "refresh" && record.familyId ? or(eq(oauthTokens.id, record.id), eq(oauthTokens.familyId, record.familyId)) : eq(oauthTokens.id, record.id);
  await revokeTokens(db, and(target, eq(oauthTokens.clientId, client.id)));
}
