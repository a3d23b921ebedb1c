import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hasUnsafeChars } from "@/lib/validation/unsafe-strings";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, oauthAuthorizationCodes, oauthClients, oauthTokens, partners } from "@/db/schema";
import type { TokenResponse } from "./client-credentials";
import { grantedScopes } from "./client-credentials";
import { findCoveringConsent, rememberConsent } from "./consent";
import type { AuthenticatedClient } from "./authenticate-client";
import { OAuthError } from "./oauth-error";
import { issueTokenPair, newFamilyId } from "./refresh";
import { revokeTokens } from "./revoke-tokens";
import { hashSecret } from "./token-format";

export const AUTHORIZATION_CODE_TTL_SECONDS = 60;
export const AUTHORIZATION_CODE_PREFIX = "prta_";

/**
 * The query parameters of an authorization request (RFC 6749 §4.1.1, RFC 7636), plus ours:
 * `installation`, the pending integration a marketplace install completes (lib/integrations/install-consent.ts).
 */
/** Which pending integration an install's consent completes. */
export const INSTALLATION_PARAM = "installation";
export const AUTHORIZE_PARAM_NAMES = ["response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", INSTALLATION_PARAM] as const;
export type AuthorizeParams = Partial<Record<(typeof AUTHORIZE_PARAM_NAMES)[number], string>>;

export function authorizeParamsFrom(get: (name: string) => string | null | undefined): AuthorizeParams {
  const out: AuthorizeParams = {};
  for (const name of AUTHORIZE_PARAM_NAMES) {
    const v = get(name);
    // A value the database could not hold (NUL, lone surrogates) counts as absent: the request is then invalid, not a 500.
    if (typeof v === "string" && v !== "" && !hasUnsafeChars(v)) out[name] = v;
  }
  return out;
}

export type AuthorizeClient = { id: string; clientId: string; name: string; type: "confidential" | "public"; partnerName: string };

export type ValidAuthorizeRequest = {
  client: AuthorizeClient;
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
};

export type AuthorizeCheck = { kind: "error_page"; message: string } | { kind: "redirect"; url: string } | { kind: "ok"; request: ValidAuthorizeRequest };

/** `redirect_uri` with the given parameters added (existing query kept). */
export function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * Checks an authorization request. Client and redirect problems are shown to the
 * user (never redirected to an unverified URI); everything else goes back to the
 * client as an RFC 6749 §4.1.2.1 error with `state`.
 */
export async function validateAuthorizeRequest(db: Db, params: AuthorizeParams): Promise<AuthorizeCheck> {
  if (!params.client_id) return { kind: "error_page", message: "The request names no client (client_id is missing)." };
  const [row] = await db
    .select({ client: oauthClients, partnerName: partners.name, partnerStatus: partners.status, appDeprecatedAt: applications.deprecatedAt })
    .from(oauthClients)
    .innerJoin(partners, eq(partners.id, oauthClients.partnerId))
    .leftJoin(applications, eq(applications.id, oauthClients.applicationId))
    .where(eq(oauthClients.clientId, params.client_id))
    .limit(1);
  // A deprecated app keeps the installs it has until its sunset, but takes no new ones.
  if (row?.appDeprecatedAt) {
    return { kind: "error_page", message: "This application has been retired by its developer and can no longer be authorized." };
  }
  if (!row || row.client.status !== "active" || row.partnerStatus !== "active") {
    return { kind: "error_page", message: "This application is unknown or has been disabled." };
  }
  const redirectUri = params.redirect_uri ?? (row.client.redirectUris.length === 1 ? row.client.redirectUris[0] : undefined);
  if (!redirectUri || !row.client.redirectUris.includes(redirectUri)) {
    return { kind: "error_page", message: "The redirect URI does not match any registered for this application." };
  }
  const state = params.state;
  const fail = (error: string, description: string): AuthorizeCheck => ({
    kind: "redirect",
    url: redirectWith(redirectUri, { error, error_description: description, state }),
  });
  if (params.response_type !== "code") return fail("unsupported_response_type", "response_type must be code");
  if (!row.client.grantTypes.includes("authorization_code")) return fail("unauthorized_client", "This client may not use the authorization code grant");
  let scopes: string[];
  try {
    scopes = grantedScopes(row.client, params.scope);
  } catch (err) {
    if (err instanceof OAuthError) return fail("invalid_scope", err.description);
    throw err;
  }
  if (!scopes.length) return fail("invalid_scope", "No scope requested");
  if (params.code_challenge || params.code_challenge_method) {
    if ((params.code_challenge_method ?? "plain") !== "S256") return fail("invalid_request", "code_challenge_method must be S256");
    if (!params.code_challenge || !/^[A-Za-z0-9_-]{43}$/.test(params.code_challenge)) return fail("invalid_request", "code_challenge is malformed");
  } else if (row.client.type === "public") {
    return fail("invalid_request", "PKCE (code_challenge with S256) is required for public clients");
  }
  return {
    kind: "ok",
    request: {
      client: { id: row.client.id, clientId: row.client.clientId, name: row.client.name, type: row.client.type, partnerName: row.partnerName },
      redirectUri,
      scopes,
      state,
      codeChallenge: params.code_challenge,
      codeChallengeMethod: params.code_challenge ? "S256" : undefined,
    },
  };
}

export type AuthorizingUser = { userId: string; accountId: string | null; accountName?: string | null };

/** Stores a new single-use code (hash only, 60 s) bound to the request and user. */
export async function createAuthorizationCode(db: Db, request: ValidAuthorizeRequest, user: AuthorizingUser): Promise<string> {
  const code = `${AUTHORIZATION_CODE_PREFIX}${randomBytes(32).toString("base64url")}`;
  await db.insert(oauthAuthorizationCodes).values({
    codeHash: hashSecret(code),
    clientId: request.client.id,
    userId: user.userId,
    accountId: user.accountId,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    codeChallenge: request.codeChallenge ?? null,
    codeChallengeMethod: request.codeChallengeMethod ?? null,
    expiresAt: new Date(Date.now() + AUTHORIZATION_CODE_TTL_SECONDS * 1000),
  });
  return code;
}

async function codeRedirect(db: Db, request: ValidAuthorizeRequest, user: AuthorizingUser) {
  const code = await createAuthorizationCode(db, request, user);
  return redirectWith(request.redirectUri, { code, state: request.state });
}

export type AuthorizeDecision =
  | { kind: "error_page"; message: string }
  | { kind: "redirect"; url: string }
  | { kind: "signin" }
  | { kind: "consent"; request: ValidAuthorizeRequest; accountName: string };

/** What GET /oauth/authorize does for this user: an error, sign-in, the consent page, or (consent remembered) a code at once. */
export async function decideAuthorize(db: Db, params: AuthorizeParams, user: AuthorizingUser | null): Promise<AuthorizeDecision> {
  const check = await validateAuthorizeRequest(db, params);
  if (check.kind !== "ok") return check;
  if (!user) return { kind: "signin" };
  if (!user.accountId) return { kind: "error_page", message: "Only agency members can authorize apps." };
  const consent = await findCoveringConsent(db, { userId: user.userId, clientId: check.request.client.id, accountId: user.accountId }, check.request.scopes);
  if (consent) return { kind: "redirect", url: await codeRedirect(db, check.request, user) };
  return { kind: "consent", request: check.request, accountName: user.accountName ?? "your agency" };
}

/** The user's answer on the consent page; the request is validated again, since the form came from the browser. */
export async function answerAuthorize(db: Db, params: AuthorizeParams, user: AuthorizingUser, approve: boolean): Promise<{ kind: "error_page"; message: string } | { kind: "redirect"; url: string }> {
  const check = await validateAuthorizeRequest(db, params);
  if (check.kind !== "ok") return check;
  if (!user.accountId) return { kind: "error_page", message: "Only agency members can authorize apps." };
  const { request } = check;
  if (!approve) return { kind: "redirect", url: redirectWith(request.redirectUri, { error: "access_denied", error_description: "The user denied the request", state: request.state }) };
  await rememberConsent(db, { userId: user.userId, clientId: request.client.id, accountId: user.accountId }, request.scopes);
  return { kind: "redirect", url: await codeRedirect(db, request, user) };
}

function pkceMatches(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const actual = Buffer.from(createHash("sha256").update(verifier).digest("base64url"));
  const expected = Buffer.from(challenge);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Revokes every token issued from a code, and their descendants. */
async function revokeTokensFromCode(db: Db, codeId: string) {
  const rows = await db.select({ familyId: oauthTokens.familyId }).from(oauthTokens).where(eq(oauthTokens.authorizationCodeId, codeId));
  const families = [...new Set(rows.map((r) => r.familyId).filter((f): f is string => !!f))];
  const target = families.length ? or(eq(oauthTokens.authorizationCodeId, codeId), inArray(oauthTokens.familyId, families)) : eq(oauthTokens.authorizationCodeId, codeId);
  await revokeTokens(db, target);
}

/** RFC 6749 §4.1.3 with RFC 7636: the code is consumed atomically before anything is issued. */
export async function authorizationCodeGrant(db: Db, client: AuthenticatedClient, form: Map<string, string>): Promise<TokenResponse> {
  if (!client.grantTypes.includes("authorization_code")) {
    throw new OAuthError("unauthorized_client", "This client may not use the authorization_code grant");
  }
  const code = form.get("code");
  if (!code) throw new OAuthError("invalid_request", "code is required");
  const codeHash = hashSecret(code);
  const now = new Date();
  const [row] = await db
    .update(oauthAuthorizationCodes)
    .set({ usedAt: now })
    .where(and(eq(oauthAuthorizationCodes.codeHash, codeHash), isNull(oauthAuthorizationCodes.usedAt)))
    .returning();
  if (!row) {
    const [used] = await db
      .select({ id: oauthAuthorizationCodes.id, clientId: oauthAuthorizationCodes.clientId })
      .from(oauthAuthorizationCodes)
      .where(eq(oauthAuthorizationCodes.codeHash, codeHash))
      .limit(1);
    // A code redeemed twice was intercepted: take back what the first redemption got.
    if (used && used.clientId === client.id) await revokeTokensFromCode(db, used.id);
    throw new OAuthError("invalid_grant", "The authorization code is invalid or was already used");
  }
  if (row.clientId !== client.id) throw new OAuthError("invalid_grant", "The authorization code was issued to another client");
  if (row.expiresAt <= now) throw new OAuthError("invalid_grant", "The authorization code has expired");
  if (form.get("redirect_uri") !== row.redirectUri) throw new OAuthError("invalid_grant", "redirect_uri does not match the authorization request");
  const verifier = form.get("code_verifier");
  if (row.codeChallenge) {
    if (!verifier || !pkceMatches(verifier, row.codeChallenge)) throw new OAuthError("invalid_grant", "The code_verifier does not match the code_challenge");
  } else if (verifier) {
    throw new OAuthError("invalid_grant", "No code_challenge was sent with the authorization request");
  }
  return issueTokenPair(db, client, row.scopes, row.scopes, {
    userId: row.userId,
    accountId: row.accountId,
    familyId: newFamilyId(),
    authorizationCodeId: row.id,
  });
}
