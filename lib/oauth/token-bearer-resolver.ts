import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, oauthClients, oauthTokens, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { DomainError, Unauthenticated } from "@/lib/errors";
import { registerBearerResolver } from "@/lib/http/authenticate";
import { tierLimit } from "@/lib/keys/tier-limits";
import { cachedToken, cacheToken } from "./token-cache";
import { ACCESS_TOKEN_PREFIX, hashSecret } from "./token-format";

export type TokenRecord = {
  id: string;
  kind: string;
  /** The refresh-rotation family: revoking a refresh token revokes it whole. */
  familyId: string | null;
  clientId: string;
  publicClientId: string;
  clientStatus: string;
  userId: string | null;
  accountId: string | null;
  partnerId: string;
  scopes: string[];
  expiresAt: Date;
  revokedAt: Date | null;
  createdAt: Date;
  partnerStatus: string;
  partnerTier: string;
  /** Set when the client belongs to a deprecated application. */
  appDeprecatedAt: Date | null;
  appSunsetAt: Date | null;
};

export async function loadToken(db: Db, token: string): Promise<TokenRecord | null> {
  const [row] = await db
    .select({
      id: oauthTokens.id,
      kind: oauthTokens.kind,
      familyId: oauthTokens.familyId,
      clientId: oauthTokens.clientId,
      publicClientId: oauthClients.clientId,
      clientStatus: oauthClients.status,
      userId: oauthTokens.userId,
      accountId: oauthTokens.accountId,
      partnerId: oauthTokens.partnerId,
      scopes: oauthTokens.scopes,
      expiresAt: oauthTokens.expiresAt,
      revokedAt: oauthTokens.revokedAt,
      createdAt: oauthTokens.createdAt,
      partnerStatus: partners.status,
      partnerTier: partners.tier,
      appDeprecatedAt: applications.deprecatedAt,
      appSunsetAt: applications.sunsetAt,
    })
    .from(oauthTokens)
    .innerJoin(oauthClients, eq(oauthClients.id, oauthTokens.clientId))
    .innerJoin(partners, eq(partners.id, oauthTokens.partnerId))
    .leftJoin(applications, eq(applications.id, oauthClients.applicationId))
    .where(eq(oauthTokens.tokenHash, hashSecret(token)))
    .limit(1);
  return row ?? null;
}

export type TokenCheck = { valid: true } | { valid: false; code: "INVALID_CREDENTIAL" | "TOKEN_EXPIRED" | "PARTNER_SUSPENDED" | "APP_SUNSET" };

/** Whether a stored access token may be used now; results, not exceptions. */
export function checkToken(r: TokenRecord | null, now = new Date()): TokenCheck {
  if (!r || r.kind !== "access" || r.revokedAt || r.clientStatus !== "active") return { valid: false, code: "INVALID_CREDENTIAL" };
  if (r.expiresAt <= now) return { valid: false, code: "TOKEN_EXPIRED" };
  if (r.partnerStatus !== "active") return { valid: false, code: "PARTNER_SUSPENDED" };
  if (r.appSunsetAt && r.appSunsetAt <= now) return { valid: false, code: "APP_SUNSET" };
  return { valid: true };
}

const messages = {
  INVALID_CREDENTIAL: "The access token is not valid",
  TOKEN_EXPIRED: "The access token has expired",
  PARTNER_SUSPENDED: "The partner that owns this token is not active",
  APP_SUNSET: "The application this token belongs to has reached its sunset date",
} as const;

export function tokenPrincipal(r: TokenRecord): Principal {
  return {
    type: "oauth",
    userId: r.userId,
    partnerId: r.partnerId,
    partnerRole: null,
    accountId: r.accountId,
    isPlatformAdmin: false,
    scopes: r.scopes,
    credentialId: r.id,
    rateLimit: { bucket: `oauth:${r.clientId}`, limit: tierLimit(r.partnerTier) },
    meter: { credentialType: "oauth_client", credentialId: r.clientId },
    ...(r.appSunsetAt ? { sunset: { deprecatedAt: r.appDeprecatedAt ?? r.appSunsetAt, sunsetAt: r.appSunsetAt } } : {}),
  };
}

registerBearerResolver({
  method: "oauth",
  matches: (token) => token.startsWith(ACCESS_TOKEN_PREFIX),
  resolve: async (db, token) => {
    if (!/^prto_[0-9A-Za-z]{43}$/.test(token)) throw new Unauthenticated(messages.INVALID_CREDENTIAL, "INVALID_CREDENTIAL");
    const hash = hashSecret(token);
    let record: TokenRecord | null;
    const hit = cachedToken(hash);
    if (hit) record = hit.record;
    else {
      record = await loadToken(db, token);
      cacheToken(hash, record);
    }
    const check = checkToken(record);
    if (!check.valid) throw new DomainError(check.code, messages[check.code]);
    return tokenPrincipal(record!);
  },
});
