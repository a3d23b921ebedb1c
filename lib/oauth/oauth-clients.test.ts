import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as clientsRoute from "@/app/api/v1/oauth-clients/route";
import * as clientRoute from "@/app/api/v1/oauth-clients/[id]/route";
import * as rotateRoute from "@/app/api/v1/oauth-clients/[id]/rotate-secret/route";
import * as tokenRoute from "@/app/api/oauth/token/route";
import * as meRoute from "@/app/api/v1/me/route";
import type { Db } from "@/db";
import { oauthClients } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { addPartnerMember, createApiKey, createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { describeSecurity, type Denial } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { generateClientSecret, hashSecret } from "./token-format";

const db = useTestDb();

const base = { name: "backend", type: "confidential", redirectUris: ["https://app.example.com/cb"], grantTypes: ["client_credentials", "authorization_code"], scopes: ["read:keys"] };

async function owner() {
  const { partner, user } = await createPartnerWithMember(db());
  return { partner, cookie: await sessionCookie(user.id) };
}
const create = (cookie: string, body: Record<string, unknown> = {}) =>
  callRoute(clientsRoute.POST, { path: "/api/v1/oauth-clients", cookie, body: { ...base, ...body } });

async function token(clientId: string, secret: string) {
  const res = await tokenRoute.POST(
    new Request("http://localhost:3000/api/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret }).toString(),
    }),
  );
  return { status: res.status, body: (await res.json()) as { access_token: string; error?: string } };
}
const me = (bearer: string) => callRoute(meRoute.GET, { path: "/api/v1/me", bearer });

describe("OAuth clients API", () => {
  it("creates a confidential client: secret shown once, stored only as SHA-256", async () => {
    const { partner, cookie } = await owner();
    const res = await create(cookie);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ name: "backend", type: "confidential", status: "active", redirectUris: base.redirectUris, scopes: ["read:keys"] });
    expect(res.body.clientId).toMatch(/^prtc_[0-9A-Za-z]{22}$/);
    expect(res.body.clientSecret).toMatch(/^prts_[0-9A-Za-z]{43}$/);
    const [row] = await db().select().from(oauthClients).where(eq(oauthClients.id, res.body.id));
    expect(row.partnerId).toBe(partner.id);
    expect(row.secretHash).toBe(hashSecret(res.body.clientSecret));
    expect(JSON.stringify(row)).not.toContain(res.body.clientSecret);

    const got = await callRoute(clientRoute.GET, { path: `/api/v1/oauth-clients/${res.body.id}`, params: { id: res.body.id }, cookie });
    expect(got.status).toBe(200);
    expect(got.body.clientSecret).toBeUndefined();
    expect(got.text).not.toContain(row.secretHash!);
    expect(got.body.secretLast4).toBe(res.body.clientSecret.slice(-4));
    const list = await callRoute(clientsRoute.GET, { path: "/api/v1/oauth-clients", cookie });
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    expect(list.text).not.toContain(res.body.clientSecret);
  });

  it("creates public clients without a secret, and refuses client_credentials for them", async () => {
    const { cookie } = await owner();
    const pub = await create(cookie, { type: "public", grantTypes: ["authorization_code", "refresh_token"] });
    expect(pub.status, pub.text).toBe(201);
    expect(pub.body.clientSecret).toBeUndefined();
    expect(pub.body.secretLast4).toBeNull();
    const bad = await create(cookie, { type: "public", grantTypes: ["client_credentials"] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: "grantTypes" }));
  });

  it.each([
    ["http://app.example.com/cb", "plain http off loopback"],
    ["https://app.example.com/cb#frag", "a fragment"],
    ["https://*.example.com/cb", "a wildcard"],
    ["/relative/cb", "a relative URI"],
    ["javascript:alert(1)", "another scheme"],
  ])("refuses the redirect URI %s (%s) with 422 naming redirectUris.N", async (uri) => {
    const { cookie } = await owner();
    const res = await create(cookie, { redirectUris: ["https://ok.example.com/cb", uri] });
    expect(res.status, res.text).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain("redirectUris.1");
  });

  it("accepts https and http loopback redirect URIs exactly as given", async () => {
    const { cookie } = await owner();
    const uris = ["https://app.example.com/cb?x=1", "http://localhost:8080/cb", "http://127.0.0.1/cb", "http://[::1]:3000/cb"];
    const res = await create(cookie, { redirectUris: uris });
    expect(res.status, res.text).toBe(201);
    expect(res.body.redirectUris).toEqual(uris);
  });

  it("refuses admin, unknown scopes and scopes beyond the caller's", async () => {
    const { partner, cookie } = await owner();
    expect((await create(cookie, { scopes: ["admin"] })).status).toBe(422);
    const unknown = await create(cookie, { scopes: ["fly:moon"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { path: string }) => e.path)).toContain("scopes.0");
    const dev = await sessionCookie((await addPartnerMember(db(), partner.id, "developer")).id);
    const beyond = await create(dev, { scopes: ["write:billing"] });
    expect(beyond.status).toBe(403);
    expect(beyond.body.code).toBe("SCOPE_CEILING");
    expect(beyond.text).toContain("write:billing");
  });

  it("requires an active partner", async () => {
    const { user } = await createPartnerWithMember(db(), { status: "pending" });
    const res = await create(await sessionCookie(user.id));
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("PARTNER_NOT_ACTIVE");
  });

  it("updates, rotates the secret (old one stops), disables (tokens revoked) and deletes", async () => {
    const { cookie } = await owner();
    const created = (await create(cookie, { scopes: ["read:keys", "read:webhooks"] })).body;
    const at = { path: `/api/v1/oauth-clients/${created.id}`, params: { id: created.id }, cookie };

    const patched = await callRoute(clientRoute.PATCH, { ...at, method: "PATCH", body: { name: "renamed", redirectUris: ["https://new.example.com/cb"] } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ name: "renamed", redirectUris: ["https://new.example.com/cb"] });
    const badPatch = await callRoute(clientRoute.PATCH, { ...at, method: "PATCH", body: { redirectUris: ["http://evil.example.com"] } });
    expect(badPatch.status).toBe(422);

    const rotated = await callRoute(rotateRoute.POST, { ...at, path: `${at.path}/rotate-secret`, method: "POST" });
    expect(rotated.status, rotated.text).toBe(201);
    expect(rotated.body.clientSecret).not.toBe(created.clientSecret);
    expect((await token(created.clientId, created.clientSecret)).status).toBe(401);
    const t = await token(created.clientId, rotated.body.clientSecret);
    expect(t.status).toBe(200);
    expect((await me(t.body.access_token)).status).toBe(200);

    const disabled = await callRoute(clientRoute.PATCH, { ...at, method: "PATCH", body: { status: "disabled" } });
    expect(disabled.body.status).toBe("disabled");
    expect((await me(t.body.access_token)).status).toBe(401);
    await callRoute(clientRoute.PATCH, { ...at, method: "PATCH", body: { status: "active" } });
    expect((await me(t.body.access_token)).status).toBe(401);

    const t2 = await token(created.clientId, rotated.body.clientSecret);
    const deleted = await callRoute(clientRoute.DELETE, { ...at, method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await me(t2.body.access_token)).status).toBe(401);
    expect((await callRoute(clientRoute.GET, at)).status).toBe(404);
  });

  it("refuses to rotate a public client's secret (409)", async () => {
    const { cookie } = await owner();
    const pub = (await create(cookie, { type: "public", grantTypes: ["authorization_code"] })).body;
    const res = await callRoute(rotateRoute.POST, { path: `/api/v1/oauth-clients/${pub.id}/rotate-secret`, params: { id: pub.id }, cookie, method: "POST" });
    expect(res.status).toBe(409);
  });
});

// ---- security: the shared generator ----

async function clientTenant(d: Db) {
  const { partner, user } = await createPartnerWithMember(d);
  const secret = generateClientSecret();
  const [target] = await d
    .insert(oauthClients)
    .values({
      partnerId: partner.id,
      name: `target-${partner.slug}`,
      clientId: `prtc_t${partner.id.replace(/-/g, "").slice(0, 20)}`,
      secretHash: hashSecret(secret),
      secretLast4: secret.slice(-4),
      type: "confidential",
      grantTypes: ["client_credentials"],
      scopes: ["read:keys"],
      createdBy: user.id,
    })
    .returning();
  return { tenant: { kind: "partner" as const, id: partner.id, name: partner.name, slug: partner.slug }, partner, target, secret };
}
type Ctx = Awaited<ReturnType<typeof clientTenant>>;

const clientPath = (c: Ctx) => `/api/v1/oauth-clients/${c.target.id}`;
const secrets = (c: Ctx) => [c.target.id, c.target.clientId, c.target.name, c.target.secretHash!, c.secret];
const targetRow = async (d: Db, c: Ctx) => (await d.select().from(oauthClients).where(eq(oauthClients.id, c.target.id)))[0] ?? null;
const noScope = (scope: string): Denial[] => [
  { actor: "tenant:billing", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "customer", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: scope.startsWith("read:") ? "api_key:read:keys" : "api_key:read:applications", status: 403, code: "INSUFFICIENT_SCOPE" },
];

describeSecurity(db, {
  name: "GET /oauth-clients/{id}",
  handler: clientRoute.GET,
  method: "GET",
  setup: clientTenant,
  path: clientPath,
  params: (c) => ({ id: c.target.id }),
  okStatus: 200,
  allowed: ["tenant:owner", "tenant:developer", "api_key:read:applications"],
  requiredScope: "read:applications",
  denied: noScope("read:applications"),
  ownedId: (c) => c.target.id,
  crossTenant: ["other-tenant", "other-tenant:api_key:read:applications"],
  secrets,
});

describeSecurity(db, {
  name: "PATCH /oauth-clients/{id}",
  handler: clientRoute.PATCH,
  method: "PATCH",
  setup: clientTenant,
  path: clientPath,
  params: (c) => ({ id: c.target.id }),
  body: () => ({ name: "changed by the test" }),
  okStatus: 200,
  allowed: ["tenant:owner", "tenant:developer", "api_key:write:applications"],
  requiredScope: "write:applications",
  denied: noScope("write:applications"),
  ownedId: (c) => c.target.id,
  crossTenant: ["other-tenant", "other-tenant:api_key:write:applications"],
  state: targetRow,
  secrets,
});

describeSecurity(db, {
  name: "DELETE /oauth-clients/{id}",
  handler: clientRoute.DELETE,
  method: "DELETE",
  setup: clientTenant,
  path: clientPath,
  params: (c) => ({ id: c.target.id }),
  okStatus: 204,
  allowed: ["tenant:owner", "api_key:write:applications"],
  requiredScope: "write:applications",
  denied: noScope("write:applications"),
  ownedId: (c) => c.target.id,
  crossTenant: ["other-tenant"],
  state: targetRow,
  secrets,
});

describe("API keys as callers", () => {
  it("lets a key with write:applications create clients only within its own scopes", async () => {
    const { partner } = await createPartnerWithMember(db());
    const key = await createApiKey(db(), partner.id, { scopes: ["write:applications", "read:keys"] });
    const ok = await callRoute(clientsRoute.POST, { path: "/api/v1/oauth-clients", bearer: key.key, body: { ...base, scopes: ["read:keys"] } });
    expect(ok.status, ok.text).toBe(201);
    const beyond = await callRoute(clientsRoute.POST, { path: "/api/v1/oauth-clients", bearer: key.key, body: { ...base, scopes: ["write:keys"] } });
    expect(beyond.status).toBe(403);
    expect(beyond.body.code).toBe("SCOPE_CEILING");
  });
});
