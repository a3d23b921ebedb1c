import * as oauth from "oauth4webapi";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as discoveryRoute from "@/app/.well-known/oauth-authorization-server/route";
import * as introspectRoute from "@/app/api/oauth/introspect/route";
import * as revokeRoute from "@/app/api/oauth/revoke/route";
import * as tokenRoute from "@/app/api/oauth/token/route";
import * as clientsRoute from "@/app/api/v1/oauth-clients/route";
import * as clientRoute from "@/app/api/v1/oauth-clients/[id]/route";
import * as meRoute from "@/app/api/v1/me/route";
import { oauthTokens, partners } from "@/db/schema";
import { allScopes } from "@/lib/auth/scopes";
import { config } from "@/lib/config";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { hashSecret } from "./token-format";

const db = useTestDb();

// oauth4webapi (an independent, standards-checked client) talks to the route handlers in-process.
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

async function discover() {
  const issuer = new URL(config().OAUTH_ISSUER);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...opts, algorithm: "oauth2" }));
}

async function setup(scopes = ["read:*", "write:applications"]) {
  const { partner, user } = await createPartnerWithMember(db());
  const cookie = await sessionCookie(user.id);
  const res = await callRoute(clientsRoute.POST, {
    path: "/api/v1/oauth-clients",
    cookie,
    body: { name: "backend", type: "confidential", redirectUris: [], grantTypes: ["client_credentials"], scopes },
  });
  expect(res.status, res.text).toBe(201);
  const as = await discover();
  const client: oauth.Client = { client_id: res.body.clientId };
  return { partner, cookie, as, client, id: res.body.id as string, secret: res.body.clientSecret as string };
}

const me = (token: string) => callRoute(meRoute.GET, { path: "/api/v1/me", bearer: token });

async function grant(as: oauth.AuthorizationServer, client: oauth.Client, auth: oauth.ClientAuth, params: Record<string, string> = {}) {
  return oauth.clientCredentialsGrantRequest(as, client, auth, new URLSearchParams(params), opts);
}

describe("OAuth discovery", () => {
  it("publishes RFC 8414 metadata built from OAUTH_ISSUER", async () => {
    const as = await discover();
    const issuer = config().OAUTH_ISSUER;
    expect(as).toMatchObject({
      issuer,
      authorization_endpoint: `${issuer}/oauth/authorize`,
      token_endpoint: `${issuer}/api/oauth/token`,
      introspection_endpoint: `${issuer}/api/oauth/introspect`,
      revocation_endpoint: `${issuer}/api/oauth/revoke`,
      grant_types_supported: ["authorization_code", "client_credentials", "refresh_token"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    });
    expect(as.scopes_supported).toEqual(allScopes.filter((s) => s !== "admin"));
  });
});

describe("client_credentials grant", () => {
  it("issues a bearer token (client_secret_basic) that acts as the partner on /api/v1/me", async () => {
    const { as, client, secret, partner, id } = await setup();
    const res = await grant(as, client, oauth.ClientSecretBasic(secret));
    expect(res.headers.get("cache-control")).toBe("no-store");
    const tokens = await oauth.processClientCredentialsResponse(as, client, res);
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.access_token).toMatch(/^prto_[0-9A-Za-z]{43}$/);
    expect(tokens.expires_in).toBe(config().OAUTH_TOKEN_LIFETIME);
    expect(tokens.scope).toBe("read:* write:applications");

    const [row] = await db().select().from(oauthTokens).where(eq(oauthTokens.tokenHash, hashSecret(tokens.access_token)));
    expect(row).toMatchObject({ kind: "access", clientId: id, partnerId: partner.id, familyId: null });

    const who = await me(tokens.access_token);
    expect(who.status, who.text).toBe(200);
    expect(who.body).toMatchObject({ type: "oauth", partnerId: partner.id, userId: null, scopes: ["read:*", "write:applications"] });
    expect(who.headers.get("ratelimit-limit")).toBe("1000");
  });

  it("accepts client_secret_post and a narrowed scope", async () => {
    const { as, client, secret } = await setup();
    const res = await grant(as, client, oauth.ClientSecretPost(secret), { scope: "read:keys" });
    const tokens = await oauth.processClientCredentialsResponse(as, client, res);
    expect(tokens.scope).toBe("read:keys");
    const who = await me(tokens.access_token);
    expect(who.body.scopes).toEqual(["read:keys"]);
  });

  it("refuses a widened scope with invalid_scope", async () => {
    const { as, client, secret } = await setup(["read:keys"]);
    const res = await grant(as, client, oauth.ClientSecretBasic(secret), { scope: "read:keys write:keys" });
    expect(res.status).toBe(400);
    const err = await oauth.processClientCredentialsResponse(as, client, res).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(oauth.ResponseBodyError);
    expect((err as oauth.ResponseBodyError).error).toBe("invalid_scope");
    const admin = await grant(as, client, oauth.ClientSecretBasic(secret), { scope: "admin" });
    expect(((await admin.json()) as { error: string }).error).toBe("invalid_scope");
  });

  it("refuses a wrong secret with 401 invalid_client and a Basic challenge", async () => {
    const { as, client, secret } = await setup();
    // Change the last character (to one it is not: a random secret ends in "x" one time in 62).
    const wrong = `${secret.slice(0, -1)}${secret.endsWith("x") ? "y" : "x"}`;
    const res = await grant(as, client, oauth.ClientSecretBasic(wrong));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="portico"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.clone().json()).toMatchObject({ error: "invalid_client" });
    await expect(oauth.processClientCredentialsResponse(as, client, res)).rejects.toThrow();

    const unknown = await grant(as, { client_id: "prtc_nope" }, oauth.ClientSecretPost(secret));
    expect(unknown.status).toBe(401);
  });

  it("answers RFC 6749 errors for malformed requests", async () => {
    const { secret, client } = await setup();
    const basic = `Basic ${Buffer.from(`${client.client_id}:${secret}`).toString("base64")}`;
    const post = (body: string, type = "application/x-www-form-urlencoded") =>
      tokenRoute.POST(new Request("http://localhost:3000/api/oauth/token", { method: "POST", headers: { "content-type": type, authorization: basic }, body }));
    const json = await post('{"grant_type":"client_credentials"}', "application/json");
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: "invalid_request" });
    expect(await (await post("grant_type=password")).json()).toMatchObject({ error: "unsupported_grant_type" });
    expect(await (await post("")).json()).toMatchObject({ error: "invalid_request" });
    expect(await (await post("grant_type=client_credentials&scope=a&scope=b")).json()).toMatchObject({ error: "invalid_request" });
  });

  it("refuses disabled clients and public clients", async () => {
    const { as, client, secret, id, cookie } = await setup();
    const disabled = await callRoute(clientRoute.PATCH, { method: "PATCH", path: `/api/v1/oauth-clients/${id}`, params: { id }, cookie, body: { status: "disabled" } });
    expect(disabled.status, disabled.text).toBe(200);
    const res = await grant(as, client, oauth.ClientSecretBasic(secret));
    expect(res.status).toBe(401);

    const pub = await callRoute(clientsRoute.POST, {
      path: "/api/v1/oauth-clients",
      cookie,
      body: { name: "spa", type: "public", redirectUris: ["http://localhost:5173/cb"], grantTypes: ["authorization_code"], scopes: ["read:keys"] },
    });
    expect(pub.status, pub.text).toBe(201);
    const none = await grant(as, { client_id: pub.body.clientId }, oauth.None());
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: "invalid_client" });
  });

  it("refuses a confidential client not registered for client_credentials (unauthorized_client)", async () => {
    const { cookie, as } = await setup();
    const res = await callRoute(clientsRoute.POST, {
      path: "/api/v1/oauth-clients",
      cookie,
      body: { name: "web", type: "confidential", redirectUris: ["https://app.example.com/cb"], grantTypes: ["authorization_code"], scopes: ["read:keys"] },
    });
    const client = { client_id: res.body.clientId as string };
    const denied = await grant(as, client, oauth.ClientSecretBasic(res.body.clientSecret));
    expect(denied.status).toBe(400);
    expect(await denied.json()).toMatchObject({ error: "unauthorized_client" });
  });
});

describe("introspection and revocation", () => {
  it("introspects a live token, revokes it, then reports it inactive and /me refuses it", async () => {
    const { as, client, secret, partner } = await setup();
    const auth = oauth.ClientSecretBasic(secret);
    const { access_token } = await oauth.processClientCredentialsResponse(as, client, await grant(as, client, auth));

    const live = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, access_token, opts));
    expect(live).toMatchObject({ active: true, scope: "read:* write:applications", client_id: client.client_id, sub: partner.id, token_type: "Bearer" });
    expect(live.exp! - live.iat!).toBe(config().OAUTH_TOKEN_LIFETIME);

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, access_token, opts));
    const dead = await oauth.processIntrospectionResponse(as, client, await oauth.introspectionRequest(as, client, auth, access_token, opts));
    expect(dead).toEqual({ active: false });

    const refused = await me(access_token);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe("INVALID_CREDENTIAL");
  });

  it("tells another client nothing and does not let it revoke", async () => {
    const a = await setup();
    const b = await setup();
    const { access_token } = await oauth.processClientCredentialsResponse(a.as, a.client, await grant(a.as, a.client, oauth.ClientSecretBasic(a.secret)));
    const bAuth = oauth.ClientSecretPost(b.secret);
    const seen = await oauth.processIntrospectionResponse(b.as, b.client, await oauth.introspectionRequest(b.as, b.client, bAuth, access_token, opts));
    expect(seen).toEqual({ active: false });
    const revoked = await oauth.revocationRequest(b.as, b.client, bAuth, access_token, opts);
    expect(revoked.status).toBe(200);
    expect((await me(access_token)).status).toBe(200);
  });

  it("answers 200 for unknown tokens and requires client authentication", async () => {
    const { as, client, secret } = await setup();
    const unknown = await oauth.revocationRequest(as, client, oauth.ClientSecretBasic(secret), "prto_doesnotexist", opts);
    expect(unknown.status).toBe(200);
    const anon = await revokeRoute.POST(
      new Request("http://localhost:3000/api/oauth/revoke", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "token=x" }),
    );
    expect(anon.status).toBe(401);
    const unknownIntrospect = await oauth.introspectionRequest(as, client, oauth.ClientSecretBasic(secret), "prto_nope", opts);
    expect(await unknownIntrospect.json()).toEqual({ active: false });
  });

  it("refuses expired tokens (TOKEN_EXPIRED) and tokens of a suspended partner (PARTNER_SUSPENDED)", async () => {
    const { as, client, secret, partner } = await setup();
    const auth = oauth.ClientSecretBasic(secret);
    const first = await oauth.processClientCredentialsResponse(as, client, await grant(as, client, auth));
    await db().update(oauthTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oauthTokens.tokenHash, hashSecret(first.access_token)));
    const expired = await me(first.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe("TOKEN_EXPIRED");
    expect(await (await oauth.introspectionRequest(as, client, auth, first.access_token, opts)).json()).toEqual({ active: false });

    const second = await oauth.processClientCredentialsResponse(as, client, await grant(as, client, auth));
    await db().update(partners).set({ status: "suspended" }).where(eq(partners.id, partner.id));
    const suspended = await me(second.access_token);
    expect(suspended.status).toBe(401);
    expect(suspended.body.code).toBe("PARTNER_SUSPENDED");
  });
});
