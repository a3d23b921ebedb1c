import { and, count, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/keys/route";
import * as keyRoute from "@/app/api/v1/keys/[id]/route";
import * as rotateRoute from "@/app/api/v1/keys/[id]/rotate/route";
import * as revokeRoute from "@/app/api/v1/keys/[id]/revoke/route";
import * as keyUsageRoute from "@/app/api/v1/keys/[id]/usage/route";
import * as verifyRoute from "@/app/api/v1/keys/verify/route";
import * as billingUsageRoute from "@/app/api/v1/billing/usage/route";
import * as meRoute from "@/app/api/v1/me/route";
import type { Db } from "@/db";
import { apiKeys, auditLog } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { addPartnerMember, createApiKey, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { describeSecurity, expectProblem, type Denial } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { clearKeyCache } from "./key-cache";
import { generateKey, hashKey, KEY_PREFIX } from "./key-format";

const db = useTestDb();

afterEach(() => clearKeyCache());

/** An active partner with an owner and one key ("target") that the routes address. */
async function keyTenant(d: Db) {
  const { partner, user: owner } = await createPartnerWithMember(d);
  const target = await createApiKey(d, partner.id, { scopes: ["read:keys"], name: `target-${partner.slug}` });
  return {
    tenant: { kind: "partner" as const, id: partner.id, name: partner.name, slug: partner.slug },
    partner,
    owner,
    target,
  };
}
type Ctx = Awaited<ReturnType<typeof keyTenant>>;

const keyPath = (c: Ctx) => `/api/v1/keys/${c.target.id}`;
const idParams = (c: Ctx) => ({ id: c.target.id });
const targetId = (c: Ctx) => c.target.id;
/** What another partner must never learn about the target key. */
const keySecrets = (c: Ctx) => [c.target.id, c.target.prefix, c.target.name, c.target.key, c.target.hash];

const keyReaders = ["tenant:owner", "tenant:admin", "tenant:developer", "admin", "api_key:read:keys"] as const;
const keyWriters = ["tenant:owner", "tenant:admin", "tenant:developer", "admin", "api_key:write:keys"] as const;
const noScope = (scope: string): Denial[] => [
  { actor: "tenant:billing", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "customer", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
  // A valid key of the same partner that lacks the scope.
  { actor: scope.startsWith("read:") ? "api_key:read:webhooks" : "api_key:read:keys", status: 403, code: "INSUFFICIENT_SCOPE" },
];
const crossTenantReaders = ["other-tenant", "other-tenant:api_key:read:keys"] as const;
const crossTenantWriters = ["other-tenant", "other-tenant:api_key:write:keys"] as const;

const targetRow = async (d: Db, c: Ctx) => (await d.select().from(apiKeys).where(eq(apiKeys.id, c.target.id)))[0];
const partnerKeys = async (d: Db, c: Ctx) =>
  d
    .select({ id: apiKeys.id, status: apiKeys.status, revokedAt: apiKeys.revokedAt, graceEndsAt: apiKeys.graceEndsAt })
    .from(apiKeys)
    .where(eq(apiKeys.partnerId, c.partner.id))
    .orderBy(apiKeys.id);

describeSecurity(db, {
  name: "GET /keys",
  handler: keysRoute.GET,
  method: "GET",
  setup: keyTenant,
  path: () => "/api/v1/keys",
  okStatus: 200,
  allowed: [...keyReaders],
  requiredScope: "read:keys",
  denied: noScope("read:keys"),
  crossTenant: [...crossTenantReaders],
  secrets: keySecrets,
});

describeSecurity(db, {
  name: "POST /keys",
  handler: keysRoute.POST,
  method: "POST",
  setup: keyTenant,
  path: () => "/api/v1/keys",
  body: () => ({ name: "minted by the test", scopes: ["read:keys"] }),
  okStatus: 201,
  allowed: ["tenant:owner", "tenant:admin", "tenant:developer", "api_key:write:keys"],
  requiredScope: "write:keys",
  denied: [
    ...noScope("write:keys"),
    // Platform admins act on partners' keys but do not own any.
    { actor: "admin", status: 403, code: "FORBIDDEN" },
  ],
  crossTenant: [...crossTenantWriters],
  state: partnerKeys,
  secrets: keySecrets,
});

describeSecurity(db, {
  name: "GET /keys/{id}",
  handler: keyRoute.GET,
  method: "GET",
  setup: keyTenant,
  path: keyPath,
  params: idParams,
  ownedId: targetId,
  okStatus: 200,
  allowed: [...keyReaders],
  requiredScope: "read:keys",
  denied: noScope("read:keys"),
  crossTenant: [...crossTenantReaders],
  secrets: keySecrets,
});

describeSecurity(db, {
  name: "POST /keys/{id}/rotate",
  handler: rotateRoute.POST,
  method: "POST",
  setup: keyTenant,
  path: (c) => `${keyPath(c)}/rotate`,
  params: idParams,
  body: () => ({ gracePeriodSeconds: 60 }),
  ownedId: targetId,
  okStatus: 201,
  allowed: [...keyWriters],
  requiredScope: "write:keys",
  denied: noScope("write:keys"),
  crossTenant: [...crossTenantWriters],
  state: partnerKeys,
  secrets: keySecrets,
});

describeSecurity(db, {
  name: "POST /keys/{id}/revoke",
  handler: revokeRoute.POST,
  method: "POST",
  setup: keyTenant,
  path: (c) => `${keyPath(c)}/revoke`,
  params: idParams,
  ownedId: targetId,
  okStatus: 200,
  allowed: [...keyWriters],
  requiredScope: "write:keys",
  denied: noScope("write:keys"),
  crossTenant: [...crossTenantWriters],
  state: targetRow,
  secrets: keySecrets,
});

describeSecurity(db, {
  name: "GET /keys/{id}/usage",
  handler: keyUsageRoute.GET,
  method: "GET",
  setup: keyTenant,
  path: (c) => `${keyPath(c)}/usage`,
  params: idParams,
  ownedId: targetId,
  okStatus: 200,
  allowed: [...keyReaders],
  requiredScope: "read:keys",
  denied: noScope("read:keys"),
  crossTenant: [...crossTenantReaders],
  secrets: keySecrets,
});

describeSecurity(db, {
  name: "POST /keys/verify",
  handler: verifyRoute.POST,
  method: "POST",
  setup: keyTenant,
  path: () => "/api/v1/keys/verify",
  body: (c) => ({ key: c.target.key }),
  okStatus: 200,
  allowed: [...keyReaders],
  requiredScope: "read:keys",
  denied: noScope("read:keys"),
  crossTenant: [...crossTenantReaders],
  // Another partner's verification must not reveal the key's id, owner or scopes.
  secrets: (c) => [...keySecrets(c), c.partner.id],
});

const billingReaders = ["tenant:owner", "tenant:admin", "tenant:developer", "tenant:billing", "admin", "api_key:read:billing"] as const;
const noBillingScope: Denial[] = [
  { actor: "customer", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "api_key:read:keys", status: 403, code: "INSUFFICIENT_SCOPE" },
];

describeSecurity(db, {
  name: "GET /billing/usage",
  handler: billingUsageRoute.GET,
  method: "GET",
  setup: keyTenant,
  path: () => "/api/v1/billing/usage",
  okStatus: 200,
  allowed: [...billingReaders],
  requiredScope: "read:billing",
  denied: noBillingScope,
  crossTenant: ["other-tenant", "other-tenant:api_key:read:billing"],
  secrets: keySecrets,
});

describeSecurity(db, {
  name: "GET /billing/usage?keyId={id}",
  handler: billingUsageRoute.GET,
  method: "GET",
  setup: keyTenant,
  path: (c) => `/api/v1/billing/usage?keyId=${c.target.id}`,
  ownedId: targetId,
  okStatus: 200,
  allowed: [...billingReaders],
  requiredScope: "read:billing",
  denied: noBillingScope,
  crossTenant: ["other-tenant", "other-tenant:api_key:read:billing"],
  secrets: keySecrets,
});

// ---------------------------------------------------------------------------

const list = (auth: { cookie?: string; bearer?: string }, query = "") => callRoute(keysRoute.GET, { path: `/api/v1/keys${query}`, ...auth });
const create = (auth: { cookie?: string; bearer?: string }, body: unknown, headers?: Record<string, string>) =>
  callRoute(keysRoute.POST, { path: "/api/v1/keys", ...auth, body, headers });
const verify = (auth: { cookie?: string; bearer?: string }, key: string) => callRoute(verifyRoute.POST, { path: "/api/v1/keys/verify", ...auth, body: { key } });
const rotate = (auth: { cookie?: string; bearer?: string }, id: string, body: unknown = {}) =>
  callRoute(rotateRoute.POST, { path: `/api/v1/keys/${id}/rotate`, params: { id }, ...auth, body });
const keyCount = async (partnerId: string) => (await db().select({ n: count() }).from(apiKeys).where(eq(apiKeys.partnerId, partnerId)))[0].n;
const ids = (res: { body: { data: Array<{ id: string }> } }) => res.body.data.map((k) => k.id).sort();

describe("API keys: tenant isolation", () => {
  it("lists only the caller's own partner's keys, even when asked for another partner's", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const aKeys = [await createApiKey(db(), a.partner.id, { scopes: ["read:keys"] }), await createApiKey(db(), a.partner.id)];
    const bKeys = [await createApiKey(db(), b.partner.id), await createApiKey(db(), b.partner.id, { status: "revoked" })];
    const aCookie = await sessionCookie(a.user.id);

    const bySession = await list({ cookie: aCookie }, "?limit=100");
    expect(bySession.status, bySession.text).toBe(200);
    expect(ids(bySession)).toEqual(aKeys.map((k) => k.id).sort());

    // A partner naming another partner gets its own keys, not B's (partnerId is for admins).
    const sneaky = await list({ cookie: aCookie }, `?limit=100&partnerId=${b.partner.id}`);
    expect(ids(sneaky)).toEqual(aKeys.map((k) => k.id).sort());

    const byKey = await list({ bearer: aKeys[0].key }, "?limit=100");
    expect(byKey.status, byKey.text).toBe(200);
    expect(ids(byKey)).toEqual(aKeys.map((k) => k.id).sort());
    for (const k of bKeys) {
      expect(bySession.text).not.toContain(k.id);
      expect(sneaky.text).not.toContain(k.id);
      expect(byKey.text).not.toContain(k.id);
    }

    // Control: a platform admin asking for B sees exactly B's keys.
    const admin = await createUser(db(), { admin: true });
    const asAdmin = await list({ cookie: await sessionCookie(admin.id) }, `?limit=100&partnerId=${b.partner.id}`);
    expect(ids(asAdmin)).toEqual(bKeys.map((k) => k.id).sort());
  });

  it("verifying another partner's key reads NOT_FOUND, exactly like a key never issued, and spends nothing of its limit", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const bKey = await createApiKey(db(), b.partner.id, { ratelimitPerMinute: 3 });
    const bRevoked = await createApiKey(db(), b.partner.id, { status: "revoked" });
    const aCookie = await sessionCookie(a.user.id);
    const aKey = await createApiKey(db(), a.partner.id, { scopes: ["read:keys"] });

    const never = await verify({ cookie: aCookie }, generateKey());
    for (const auth of [{ cookie: aCookie }, { bearer: aKey.key }]) {
      for (const key of [bKey.key, bRevoked.key]) {
        const res = await verify(auth, key);
        expect(res.status, res.text).toBe(200);
        expect(res.body).toEqual({ valid: false, code: "NOT_FOUND" });
        expect(res.body).toEqual(never.body);
        expect(res.text).not.toContain(bKey.id);
        expect(res.text).not.toContain(b.partner.id);
      }
    }

    // B's own check still finds a full bucket: A's four verifications took nothing from it.
    const own = await verify({ cookie: await sessionCookie(b.user.id) }, bKey.key);
    expect(own.body).toMatchObject({ valid: true, keyId: bKey.id, partnerId: b.partner.id, ratelimit: { limit: 3, remaining: 2 } });
  });

  it("does not let a partner rotate, revoke or read usage of another partner's key (and it keeps working)", async () => {
    const a = await createPartnerWithMember(db());
    const b = await createPartnerWithMember(db());
    const bKey = await createApiKey(db(), b.partner.id, { scopes: ["read:keys"] });
    const aKey = await createApiKey(db(), a.partner.id, { scopes: ["write:keys"] });
    for (const auth of [{ cookie: await sessionCookie(a.user.id) }, { bearer: aKey.key }]) {
      expectProblem(await rotate(auth, bKey.id), 404, "NOT_FOUND");
      expectProblem(
        await callRoute(revokeRoute.POST, { path: `/api/v1/keys/${bKey.id}/revoke`, params: { id: bKey.id }, method: "POST", ...auth }),
        404,
        "NOT_FOUND",
      );
    }
    expect(await keyCount(b.partner.id)).toBe(1);
    const me = await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: bKey.key });
    expect(me.status).toBe(200);
    expect(me.body.partnerId).toBe(b.partner.id);
  });
});

describe("API keys: nobody mints a key more powerful than themselves", () => {
  it("a key can mint keys within its own scopes, and gets 403 SCOPE_CEILING naming `scopes` beyond them", async () => {
    const { partner } = await createPartnerWithMember(db());
    const minter = await createApiKey(db(), partner.id, { scopes: ["write:keys", "read:webhooks"] });

    const ok = await create({ bearer: minter.key }, { name: "narrower", scopes: ["read:keys", "read:webhooks"] });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.scopes).toEqual(["read:keys", "read:webhooks"]);
    const before = await keyCount(partner.id);

    for (const scopes of [["write:webhooks"], ["manage:keys"], ["read:*"], ["read:keys", "read:billing"]]) {
      const res = await create({ bearer: minter.key }, { name: "wider", scopes });
      expectProblem(res, 403, "SCOPE_CEILING");
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain("scopes");
      expect(res.body.detail).toContain(scopes[scopes.length - 1]);
    }
    expect(await keyCount(partner.id)).toBe(before);
  });

  it("a session member is bounded by their role's scopes too (a developer cannot mint write:partners)", async () => {
    const { partner } = await createPartnerWithMember(db());
    const dev = await addPartnerMember(db(), partner.id, "developer");
    const cookie = await sessionCookie(dev.id);
    const res = await create({ cookie }, { name: "too wide", scopes: ["write:partners"] });
    expectProblem(res, 403, "SCOPE_CEILING");
    expect(res.body.errors[0].path).toBe("scopes");
    expect((await create({ cookie }, { name: "fine", scopes: ["write:keys"] })).status).toBe(201);
  });

  it("refuses the admin scope, even to the partner's owner", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const res = await create({ cookie: await sessionCookie(user.id) }, { name: "root", scopes: ["read:keys", "admin"] });
    expectProblem(res, 422, "VALIDATION_FAILED");
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain("scopes");
    expect(await keyCount(partner.id)).toBe(0);
  });

  it("a narrow key cannot obtain a broader key by rotating one (403), and the broader key is left alone", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const broad = await createApiKey(db(), partner.id, { scopes: ["write:*"] });
    const narrow = await createApiKey(db(), partner.id, { scopes: ["write:keys"] });

    const res = await rotate({ bearer: narrow.key }, broad.id, { gracePeriodSeconds: 0 });
    expectProblem(res, 403, "SCOPE_CEILING");
    expect(res.body.detail).toContain("write:*");
    expect(res.text).not.toMatch(/prt_live_/);
    expect(await keyCount(partner.id)).toBe(2);
    const [row] = await db().select().from(apiKeys).where(eq(apiKeys.id, broad.id));
    expect(row.status).toBe("active");

    // Control: the owner, who holds write:*, may rotate it.
    const byOwner = await rotate({ cookie: await sessionCookie(user.id) }, broad.id);
    expect(byOwner.status, byOwner.text).toBe(201);
    expect(byOwner.body.scopes).toEqual(["write:*"]);
  });
});

describe("API keys: partner status", () => {
  for (const status of ["pending", "suspended"] as const) {
    it(`a ${status} partner cannot create keys (409 PARTNER_NOT_ACTIVE)`, async () => {
      const { partner, user } = await createPartnerWithMember(db(), { status });
      const res = await create({ cookie: await sessionCookie(user.id) }, { name: "early", scopes: ["read:keys"] });
      expectProblem(res, 409, "PARTNER_NOT_ACTIVE");
      expect(await keyCount(partner.id)).toBe(0);
    });
  }
});

/** Every row of every table, as JSON text. */
async function dumpDatabase(d: Db): Promise<Map<string, string[]>> {
  const rowsOf = (r: unknown) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Array<Record<string, unknown>>;
  const tables = rowsOf(
    await d.execute(
      sql`select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    ),
  );
  const dump = new Map<string, string[]>();
  for (const t of tables) {
    const name = `"${String(t.table_schema)}"."${String(t.table_name)}"`;
    const rows = rowsOf(await d.execute(sql.raw(`select row_to_json(t)::text as j from ${name} t`)));
    dump.set(name, rows.map((r) => String(r.j)));
  }
  return dump;
}

describe("API keys: the plaintext key is never stored", () => {
  it("after creating (plain, idempotent, by a key) and rotating, no table holds a key or its body; api_keys.hash holds the SHA-256", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    const secrets: Array<{ id: string; key: string }> = [];

    const plain = await create({ cookie }, { name: "plain", scopes: ["read:*", "write:keys"] });
    expect(plain.status, plain.text).toBe(201);
    secrets.push(plain.body);
    const idem = await create({ cookie }, { name: "idempotent", scopes: ["read:keys"] }, { "idempotency-key": `idem-${partner.id}` });
    expect(idem.status, idem.text).toBe(201);
    secrets.push(idem.body);
    const byKey = await create({ bearer: plain.body.key }, { name: "minted by a key", scopes: ["read:keys"] }, { "idempotency-key": "by-key" });
    expect(byKey.status, byKey.text).toBe(201);
    secrets.push(byKey.body);
    const rotated = await rotate({ cookie }, plain.body.id, { gracePeriodSeconds: 60 });
    expect(rotated.status, rotated.text).toBe(201);
    secrets.push(rotated.body);
    const rotatedByKey = await rotate({ bearer: plain.body.key }, idem.body.id);
    expect(rotatedByKey.status, rotatedByKey.text).toBe(201);
    secrets.push(rotatedByKey.body);

    const dump = await dumpDatabase(db());
    expect(dump.has(`"public"."api_keys"`)).toBe(true);
    expect(dump.has(`"public"."idempotency_keys"`)).toBe(true);
    expect(dump.get(`"public"."idempotency_keys"`)!.length).toBeGreaterThanOrEqual(2);
    const everything = [...dump.values()].flat().join("\n");
    const hashes = dump.get(`"public"."api_keys"`)!.map((j) => JSON.parse(j).hash as string);

    for (const { id, key } of secrets) {
      expect(key).toMatch(/^prt_live_[0-9A-Za-z]{49}$/);
      const body = key.slice(KEY_PREFIX.length);
      for (const [table, rows] of dump) {
        for (const row of rows) {
          expect(row.includes(key), `${table} holds the key`).toBe(false);
          expect(row.includes(body), `${table} holds the key body`).toBe(false);
          expect(row.includes(body.slice(0, 43)), `${table} holds the key's random part`).toBe(false);
        }
      }
      expect(hashes).toContain(hashKey(key));
      expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
      const [row] = await db().select({ hash: apiKeys.hash }).from(apiKeys).where(eq(apiKeys.id, id));
      expect(row.hash).toBe(hashKey(key));
    }
    expect(everything).toContain(hashKey(plain.body.key));

    // The audit trail records the creation, without the key.
    const [audit] = await db()
      .select({ j: sql<string>`row_to_json(${auditLog})::text` })
      .from(auditLog)
      .where(and(eq(auditLog.action, "api_key.created"), eq(auditLog.targetId, plain.body.id)));
    expect(audit, "no audit row for the creation").toBeDefined();
    expect(audit.j).toContain(plain.body.id);
    expect(audit.j).not.toContain(plain.body.key);
    expect(audit.j).not.toContain(plain.body.key.slice(KEY_PREFIX.length));

    // Shown once: reading the keys back never returns the secret.
    const listed = await list({ cookie }, "?limit=100");
    const one = await callRoute(keyRoute.GET, { path: `/api/v1/keys/${plain.body.id}`, params: { id: plain.body.id }, cookie });
    for (const { key } of secrets) {
      expect(listed.text).not.toContain(key);
      expect(one.text).not.toContain(key);
    }
    expect(one.body.prefix).toBe(plain.body.key.slice(0, KEY_PREFIX.length + 4));
  });
});
