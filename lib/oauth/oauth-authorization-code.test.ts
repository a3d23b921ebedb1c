import * as oauth from "oauth4webapi";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as discoveryRoute from "@/app/.well-known/oauth-authorization-server/route";
import * as authorizationsRoute from "@/app/api/v1/authorizations/route";
import * as revokeAuthorizationRoute from "@/app/api/v1/authorizations/[id]/revoke/route";
import * as introspectRoute from "@/app/api/oauth/introspect/route";
import * as revokeRoute from "@/app/api/oauth/revoke/route";
import * as tokenRoute from "@/app/api/oauth/token/route";
import * as clientsRoute from "@/app/api/v1/oauth-clients/route";
import * as meRoute from "@/app/api/v1/me/route";
import { oauthAuthorizationCodes, oauthConsents, oauthTokens } from "@/db/schema";
import { config } from "@/lib/config";
import { callRoute } from "@/lib/testing/call-route";
import { createAccountWithMember, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { answerAuthorize, decideAuthorize, type AuthorizeParams, type AuthorizingUser } from "./authorization-code";
import { describeScope } from "./consent";
import { hashSecret } from "./token-format";

const db = useTestDb();

const handlers: Record<string, (req: Request) => Promise<Response>> = {
  "GET /.well-known/oauth-authorization-server": () => discoveryRoute.GET(),
  "POST /api/oauth/token": tokenRoute.POST,
  "POST /api/oauth/introspect": introspectRoute.POST,
  "POST /api/oauth/revoke": revokeRoute.POST,
};
const inProcess = async (url: string, init: { method: string; headers: Record<string, string>; body?: unknown }) => {
  const u = new URL(url);
  const handler = handlers[`${init.method} ${u.pathname}`];
  if (!handler) return new Response("not found", { status: 404 });
  return handler(new Request(url, { method: init.method, headers: init.headers, body: init.body as BodyInit | undefined }));
};
const opts = { [oauth.customFetch]: inProcess, [oauth.allowInsecureRequests]: true };

const REDIRECT = "http://localhost:9/cb";

afterEach(() => {
  vi.useRealTimers();
});

async function setup(type: "confidential" | "public" = "confidential", scopes = ["read:leads", "read:policies"]) {
  const { partner, user: partnerUser } = await createPartnerWithMember(db());
  const res = await callRoute(clientsRoute.POST, {
    path: "/api/v1/oauth-clients",
    cookie: await sessionCookie(partnerUser.id),
    body: { name: "Lead Sync", type, redirectUris: [REDIRECT], grantTypes: ["authorization_code", "refresh_token"], scopes },
  });
  expect(res.status, res.text).toBe(201);
  const issuer = new URL(config().OAUTH_ISSUER);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...opts, algorithm: "oauth2" }));
  const client: oauth.Client = { client_id: res.body.clientId };
  const auth = type === "public" ? oauth.None() : oauth.ClientSecretBasic(res.body.clientSecret as string);
  const { account, user } = await createAccountWithMember(db());
  const customer: AuthorizingUser = { userId: user.id, accountId: account.id, accountName: account.name };
  return { partner, as, client, auth, account, user, customer, clientRowId: res.body.id as string };
}

async function pkce() {
  const verifier = oauth.generateRandomCodeVerifier();
  return { verifier, challenge: await oauth.calculatePKCECodeChallenge(verifier) };
}

function params(client: oauth.Client, extra: AuthorizeParams = {}): AuthorizeParams {
  return { response_type: "code", client_id: client.client_id, redirect_uri: REDIRECT, scope: "read:leads", state: "st-123", ...extra };
}

/** Consent on the user's behalf, as the Authorize button does; returns the redirect URL. */
async function authorize(s: Awaited<ReturnType<typeof setup>>, p: AuthorizeParams) {
  const res = await answerAuthorize(db(), p, s.customer, true);
  if (res.kind !== "redirect") throw new Error(`expected a redirect, got ${JSON.stringify(res)}`);
  return new URL(res.url);
}

async function exchange(s: Awaited<ReturnType<typeof setup>>, url: URL, verifier: string | typeof oauth.nopkce, redirectUri = REDIRECT) {
  const cb = oauth.validateAuthResponse(s.as, s.client, url, "st-123");
  return oauth.authorizationCodeGrantRequest(s.as, s.client, s.auth, cb, redirectUri, verifier, opts);
}

const errorOf = async (res: Response) => ((await res.clone().json()) as { error: string }).error;
const introspect = async (s: Awaited<ReturnType<typeof setup>>, token: string) =>
  (await oauth.introspectionRequest(s.as, s.client, s.auth, token, opts)).json() as Promise<{ active: boolean }>;

describe("/oauth/authorize decisions", () => {
  it("shows consent to a signed-in agency member, asks others to sign in, and errors without redirecting for bad clients", async () => {
    const s = await setup();
    const { challenge } = await pkce();
    const p = params(s.client, { code_challenge: challenge, code_challenge_method: "S256" });
    const consent = await decideAuthorize(db(), p, s.customer);
    expect(consent).toMatchObject({ kind: "consent", accountName: s.account.name, request: { scopes: ["read:leads"], client: { name: "Lead Sync", partnerName: s.partner.name } } });
    expect(describeScope("read:leads")).toBe("Read your leads");
    expect(await decideAuthorize(db(), p, null)).toEqual({ kind: "signin" });

    const loner = await createUser(db());
    expect(await decideAuthorize(db(), p, { userId: loner.id, accountId: null })).toMatchObject({ kind: "error_page", message: expect.stringMatching(/only agency members/i) });
    expect((await decideAuthorize(db(), { ...p, client_id: "prtc_unknown" }, s.customer)).kind).toBe("error_page");
    expect((await decideAuthorize(db(), { ...p, redirect_uri: "http://localhost:9/other" }, s.customer)).kind).toBe("error_page");
  });

  it("redirects RFC 6749 errors with state", async () => {
    const s = await setup();
    const err = async (p: AuthorizeParams) => {
      const d = await decideAuthorize(db(), p, s.customer);
      if (d.kind !== "redirect") throw new Error(d.kind);
      const u = new URL(d.url);
      expect(u.origin + u.pathname).toBe(REDIRECT);
      expect(u.searchParams.get("state")).toBe("st-123");
      return u.searchParams.get("error");
    };
    expect(await err(params(s.client, { response_type: "token" }))).toBe("unsupported_response_type");
    expect(await err(params(s.client, { scope: "read:leads write:leads" }))).toBe("invalid_scope");
    expect(await err(params(s.client, { code_challenge: "x".repeat(43), code_challenge_method: "plain" }))).toBe("invalid_request");

    const denied = await answerAuthorize(db(), params(s.client), s.customer, false);
    expect(denied.kind === "redirect" && new URL(denied.url).searchParams.get("error")).toBe("access_denied");
  });

  it("refuses a public client without PKCE", async () => {
    const s = await setup("public");
    const d = await decideAuthorize(db(), params(s.client), s.customer);
    expect(d.kind === "redirect" && new URL(d.url).searchParams.get("error")).toBe("invalid_request");
  });

  it("remembers consent and skips the page for covered scopes", async () => {
    const s = await setup();
    await authorize(s, params(s.client));
    const again = await decideAuthorize(db(), params(s.client), s.customer);
    expect(again.kind).toBe("redirect");
    expect(again.kind === "redirect" && new URL(again.url).searchParams.get("code")).toBeTruthy();
    const wider = await decideAuthorize(db(), params(s.client, { scope: "read:leads read:policies" }), s.customer);
    expect(wider.kind).toBe("consent");
  });
});

describe("authorization_code grant", () => {
  it("exchanges a code with PKCE for tokens acting for the user's account", async () => {
    const s = await setup();
    const { verifier, challenge } = await pkce();
    const url = await authorize(s, params(s.client, { code_challenge: challenge, code_challenge_method: "S256" }));
    const tokens = await oauth.processAuthorizationCodeResponse(s.as, s.client, await exchange(s, url, verifier));
    expect(tokens.access_token).toMatch(/^prto_/);
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.scope).toBe("read:leads");
    expect(tokens.expires_in).toBe(config().OAUTH_TOKEN_LIFETIME);

    const who = await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: tokens.access_token });
    expect(who.status, who.text).toBe(200);
    expect(who.body).toEqual({ type: "oauth", partnerId: s.partner.id, accountId: s.account.id, userId: s.user.id, scopes: ["read:leads"] });

    const [code] = await db().select().from(oauthAuthorizationCodes).where(eq(oauthAuthorizationCodes.codeHash, hashSecret(url.searchParams.get("code")!)));
    expect(code.usedAt).not.toBeNull();
  });

  it("works for a public client with PKCE", async () => {
    const s = await setup("public");
    const { verifier, challenge } = await pkce();
    const url = await authorize(s, params(s.client, { code_challenge: challenge, code_challenge_method: "S256" }));
    const tokens = await oauth.processAuthorizationCodeResponse(s.as, s.client, await exchange(s, url, verifier));
    expect(tokens.access_token).toMatch(/^prto_/);
  });

  it("refuses a wrong code_verifier with invalid_grant", async () => {
    const s = await setup();
    const { challenge } = await pkce();
    const url = await authorize(s, params(s.client, { code_challenge: challenge, code_challenge_method: "S256" }));
    const res = await exchange(s, url, oauth.generateRandomCodeVerifier());
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toBe("invalid_grant");
  });

  it("refuses a reused code and revokes the tokens of the first exchange", async () => {
    const s = await setup();
    const { verifier, challenge } = await pkce();
    const url = await authorize(s, params(s.client, { code_challenge: challenge, code_challenge_method: "S256" }));
    const first = await oauth.processAuthorizationCodeResponse(s.as, s.client, await exchange(s, url, verifier));
    expect(await introspect(s, first.access_token)).toMatchObject({ active: true });
    const second = await exchange(s, url, verifier);
    expect(await errorOf(second)).toBe("invalid_grant");
    expect(await introspect(s, first.access_token)).toEqual({ active: false });
    expect(await introspect(s, first.refresh_token!)).toEqual({ active: false });
  });

  it("refuses a redirect_uri other than the one authorized", async () => {
    const s = await setup();
    const { verifier, challenge } = await pkce();
    const url = await authorize(s, params(s.client, { code_challenge: challenge, code_challenge_method: "S256" }));
    const res = await exchange(s, url, verifier, "http://localhost:9/elsewhere");
    expect(await errorOf(res)).toBe("invalid_grant");
  });

  it("refuses an expired code", async () => {
    const s = await setup();
    const { verifier, challenge } = await pkce();
    const url = await authorize(s, params(s.client, { code_challenge: challenge, code_challenge_method: "S256" }));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    const res = await exchange(s, url, verifier);
    expect(await errorOf(res)).toBe("invalid_grant");
  });
});

describe("refresh_token grant", () => {
  async function tokensFor(s: Awaited<ReturnType<typeof setup>>, scope = "read:leads read:policies") {
    const { verifier, challenge } = await pkce();
    const url = await authorize(s, params(s.client, { scope, code_challenge: challenge, code_challenge_method: "S256" }));
    return oauth.processAuthorizationCodeResponse(s.as, s.client, await exchange(s, url, verifier));
  }
  const refresh = (s: Awaited<ReturnType<typeof setup>>, token: string, scope?: string) =>
    oauth.refreshTokenGrantRequest(s.as, s.client, s.auth, token, { ...opts, additionalParameters: scope ? { scope } : undefined });

  it("rotates the refresh token on every use, within one family", async () => {
    const s = await setup();
    const first = await tokensFor(s);
    const second = await oauth.processRefreshTokenResponse(s.as, s.client, await refresh(s, first.refresh_token!));
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.scope).toBe("read:leads read:policies");
    const [oldRow] = await db().select().from(oauthTokens).where(eq(oauthTokens.tokenHash, hashSecret(first.refresh_token!)));
    const [newRow] = await db().select().from(oauthTokens).where(eq(oauthTokens.tokenHash, hashSecret(second.refresh_token!)));
    expect(oldRow.usedAt).not.toBeNull();
    expect(newRow).toMatchObject({ parentId: oldRow.id, familyId: oldRow.familyId, userId: s.user.id, accountId: s.account.id });
    const third = await oauth.processRefreshTokenResponse(s.as, s.client, await refresh(s, second.refresh_token!));
    expect(third.access_token).toMatch(/^prto_/);
  });

  it("revokes the whole family when a spent refresh token is reused", async () => {
    const s = await setup();
    const first = await tokensFor(s);
    const second = await oauth.processRefreshTokenResponse(s.as, s.client, await refresh(s, first.refresh_token!));
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: second.access_token })).status).toBe(200);
    const replay = await refresh(s, first.refresh_token!);
    expect(await errorOf(replay)).toBe("invalid_grant");
    expect(await introspect(s, second.access_token)).toEqual({ active: false });
    expect(await errorOf(await refresh(s, second.refresh_token!))).toBe("invalid_grant");
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: second.access_token })).status).toBe(401);
  });

  it("revoking a refresh token (RFC 7009) revokes its whole grant", async () => {
    const s = await setup();
    const first = await tokensFor(s);
    const revoked = await oauth.revocationRequest(s.as, s.client, s.auth, first.refresh_token!, opts);
    expect(revoked.status).toBe(200);
    expect(await introspect(s, first.access_token)).toEqual({ active: false });
    expect(await errorOf(await refresh(s, first.refresh_token!))).toBe("invalid_grant");
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: first.access_token })).status).toBe(401);
  });

  it("narrows the scope on request and refuses to widen it", async () => {
    const s = await setup();
    const first = await tokensFor(s, "read:leads");
    const wider = await refresh(s, first.refresh_token!, "read:leads read:policies");
    expect(await errorOf(wider)).toBe("invalid_scope");
    const both = await tokensFor(s);
    const narrowed = await oauth.processRefreshTokenResponse(s.as, s.client, await refresh(s, both.refresh_token!, "read:policies"));
    expect(narrowed.scope).toBe("read:policies");
    const who = await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: narrowed.access_token });
    expect(who.body.scopes).toEqual(["read:policies"]);
  });
});

describe("authorized apps", () => {
  it("lists the user's consents and revokes one with all its tokens", async () => {
    const s = await setup();
    const { verifier, challenge } = await pkce();
    const url = await authorize(s, params(s.client, { code_challenge: challenge, code_challenge_method: "S256" }));
    const tokens = await oauth.processAuthorizationCodeResponse(s.as, s.client, await exchange(s, url, verifier));
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: tokens.access_token })).status).toBe(200);
    const cookie = await sessionCookie(s.user.id);
    const list = await callRoute(authorizationsRoute.GET, { path: "/api/v1/authorizations", cookie });
    expect(list.status, list.text).toBe(200);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ clientName: "Lead Sync", partnerName: s.partner.name, scopes: ["read:leads"], accountId: s.account.id });
    expect(list.body.data[0].lastUsedAt).toBeTruthy();

    const other = await createUser(db());
    const foreign = await callRoute(revokeAuthorizationRoute.POST, {
      path: `/api/v1/authorizations/${list.body.data[0].id}/revoke`,
      params: { id: list.body.data[0].id },
      cookie: await sessionCookie(other.id),
      headers: { origin: "http://localhost:3000" },
    });
    expect(foreign.status).toBe(404);

    const id = list.body.data[0].id as string;
    const revoked = await callRoute(revokeAuthorizationRoute.POST, { path: `/api/v1/authorizations/${id}/revoke`, params: { id }, cookie, headers: { origin: "http://localhost:3000" } });
    expect(revoked.status, revoked.text).toBe(200);
    expect(await introspect(s, tokens.access_token)).toEqual({ active: false });
    expect(await introspect(s, tokens.refresh_token!)).toEqual({ active: false });
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: tokens.access_token })).status).toBe(401);
    expect((await callRoute(authorizationsRoute.GET, { path: "/api/v1/authorizations", cookie })).body.data).toEqual([]);
    expect((await decideAuthorize(db(), params(s.client), s.customer)).kind).toBe("consent");
  });

  it("pages the consents by cursor, ties on created_at included, and refuses a forged cursor", async () => {
    const s = await setup();
    const at = new Date("2026-11-30T10:00:00.000Z");
    const accounts = [s.account.id, (await createAccountWithMember(db())).account.id, null];
    await db()
      .insert(oauthConsents)
      .values(accounts.map((accountId) => ({ userId: s.user.id, clientId: s.clientRowId, accountId, scopes: ["read:leads"], createdAt: at })));
    const cookie = await sessionCookie(s.user.id);
    const first = await callRoute(authorizationsRoute.GET, { path: "/api/v1/authorizations?limit=2", cookie });
    expect(first.status, first.text).toBe(200);
    expect(first.body.data).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await callRoute(authorizationsRoute.GET, { path: `/api/v1/authorizations?limit=2&cursor=${first.body.nextCursor}`, cookie });
    expect(second.body.data).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const seen = [...first.body.data, ...second.body.data].map((a: { accountId: string | null }) => a.accountId);
    expect(new Set(seen)).toEqual(new Set(accounts));

    const forged = await callRoute(authorizationsRoute.GET, { path: "/api/v1/authorizations?cursor=bm90LWEtY3Vyc29y", cookie });
    expect(forged.status).toBe(400);
    expect(forged.body.errors).toEqual([expect.objectContaining({ path: "cursor" })]);
    const tooMany = await callRoute(authorizationsRoute.GET, { path: "/api/v1/authorizations?limit=101", cookie });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ path: "limit" })]);
    const stranger = await callRoute(authorizationsRoute.GET, { path: "/api/v1/authorizations", cookie: await sessionCookie((await createUser(db())).id) });
    expect(stranger.body.data).toEqual([]);
  });

  it("is for signed-in users only", async () => {
    const res = await callRoute(authorizationsRoute.GET, { path: "/api/v1/authorizations" });
    expect(res.status).toBe(401);
  });
});
