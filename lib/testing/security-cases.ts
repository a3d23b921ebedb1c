import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import type { ErrorCode } from "@/lib/errors";
import { callRoute, type CallOptions, type CallResult } from "./call-route";
import { generateKey } from "@/lib/keys/key-format";
import {
  addAccountMember,
  addPartnerMember,
  createAccountWithMember,
  createApiKey,
  createPartner,
  createPartnerWithMember,
  createUser,
  sessionCookie,
} from "./fixtures";

// One generator for every API area's security file (CONVENTIONS.md, Tests):
// no credential, bad credentials, wrong role/scope, another tenant, cross-site.
// Each generated test runs `setup` itself, so every test seeds its own data.

type Handler = Parameters<typeof callRoute>[0];
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The tenant that owns the resource a route addresses. */
export type Tenant = { kind: "partner" | "account"; id: string; name: string; slug: string };
export type SecurityContext = { tenant: Tenant };

/**
 * Who calls, relative to the owning tenant:
 * - `admin`: a platform admin
 * - `user`: signed in, member of nothing
 * - `customer`: member of an unrelated customer account
 * - `other-tenant`: owner of another tenant of the same kind
 * - `tenant:<role>`: member of the owning tenant with that role
 * - `api_key:<scopes>`: an API key of the owning tenant (a partner) with these
 *   comma-separated scopes, sent as `Authorization: Bearer`
 * - `other-tenant:api_key:<scopes>`: the same, issued to another partner
 */
export type Actor =
  | "admin"
  | "user"
  | "customer"
  | "other-tenant"
  | `tenant:${string}`
  | `api_key:${string}`
  | `other-tenant:api_key:${string}`;

export type Denial = { actor: Actor; status: number; code: ErrorCode };

export type SecuritySpec<C extends SecurityContext> = {
  /** e.g. "PATCH /partners/{id}" */
  name: string;
  handler: Handler;
  method: Method;
  /** Creates the tenant and whatever the route addresses; runs once per test. */
  setup: (db: Db) => Promise<C>;
  path: (ctx: C) => string;
  params?: (ctx: C) => Record<string, string>;
  body?: (ctx: C) => unknown;
  /** Status the allowed callers get. */
  okStatus: number;
  /** Callers that must succeed (each is its own test). Default: admin for adminOnly routes, else tenant:owner. */
  allowed?: Actor[];
  /** The scope the route requires; denials with INSUFFICIENT_SCOPE must name it. */
  requiredScope?: string;
  /** Platform admins only: the tenant's owner and a plain user get 403. */
  adminOnly?: boolean;
  /** Callers that must be refused, with the status and code they get. */
  denied?: Denial[];
  /**
   * A snapshot of what the route changes. Refused requests must leave it as it
   * was; for mutations, an allowed request must change it (so the check can fail).
   */
  state?: (db: Db, ctx: C) => Promise<unknown>;
  /** Strings that must never appear in a refusal (the tenant's name and slug always are checked). */
  secrets?: (ctx: C) => string[];
  /**
   * The id in the path (or query) that names the tenant's resource, e.g. a key id
   * under /keys/{id}. Default: the tenant's own id. Another tenant addressing it
   * must get exactly what an id that does not exist gets.
   */
  ownedId?: (ctx: C) => string;
  /** Callers from another tenant for that check. Default: ["other-tenant"]. */
  crossTenant?: Actor[];
};

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

const API_KEY = "api_key:";
const OTHER_API_KEY = "other-tenant:api_key:";

/** Actors that call with an API key rather than a session cookie. */
export function isApiKeyActor(actor: Actor): actor is `api_key:${string}` | `other-tenant:api_key:${string}` {
  return actor.startsWith(API_KEY) || actor.startsWith(OTHER_API_KEY);
}

function actorScopes(actor: Actor): string[] {
  const list = actor.startsWith(OTHER_API_KEY) ? actor.slice(OTHER_API_KEY.length) : actor.slice(API_KEY.length);
  return list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Issues a key for an `api_key:` / `other-tenant:api_key:` actor (the tenant must be a partner). */
async function apiKeyFor(db: Db, tenant: Tenant, actor: Actor, opts: Parameters<typeof createApiKey>[2] = {}) {
  const partnerId = actor.startsWith(OTHER_API_KEY) ? (await createPartner(db)).id : tenant.id;
  if (!actor.startsWith(OTHER_API_KEY) && tenant.kind !== "partner") throw new Error(`${actor}: API keys belong to partners, not ${tenant.kind}s`);
  return createApiKey(db, partnerId, { scopes: actorScopes(actor), ...opts });
}

async function actorUserId(db: Db, tenant: Tenant, actor: Actor): Promise<string> {
  if (isApiKeyActor(actor)) throw new Error(`${actor} calls with an API key, not a session`);
  if (actor === "admin") return (await createUser(db, { admin: true })).id;
  if (actor === "user") return (await createUser(db)).id;
  if (actor === "customer") return (await createAccountWithMember(db)).user.id;
  if (actor === "other-tenant") {
    return tenant.kind === "partner" ? (await createPartnerWithMember(db)).user.id : (await createAccountWithMember(db)).user.id;
  }
  const role = actor.slice("tenant:".length);
  if (tenant.kind === "partner") return (await addPartnerMember(db, tenant.id, role as Parameters<typeof addPartnerMember>[2])).id;
  return (await addAccountMember(db, tenant.id, role as Parameters<typeof addAccountMember>[2])).id;
}

export async function cookieFor(db: Db, tenant: Tenant, actor: Actor): Promise<string> {
  return sessionCookie(await actorUserId(db, tenant, actor));
}

/** The credential an actor calls with: a session cookie, or a freshly issued API key as bearer. */
export async function credentialFor(db: Db, tenant: Tenant, actor: Actor): Promise<Pick<CallOptions, "cookie" | "bearer">> {
  if (isApiKeyActor(actor)) return { bearer: (await apiKeyFor(db, tenant, actor)).key };
  return { cookie: await cookieFor(db, tenant, actor) };
}

/** Every response to an API-key request carries the rate-limit headers, errors included. */
export function expectRateLimitHeaders(res: CallResult) {
  for (const h of ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"]) {
    expect(res.headers.get(h), `${h} missing`).toMatch(/^\d+$/);
  }
}

/** Every error is problem+json with the request id both in the body and in x-request-id. */
export function expectProblem(res: CallResult, status: number, code?: ErrorCode) {
  expect(res.status, `${res.status} ${res.text}`).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(res.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(res.body.requestId).toBeTruthy();
  expect(res.body.requestId).toBe(res.headers.get("x-request-id"));
  if (code) expect(res.body.code).toBe(code);
}

/** The 401 codes: no credential, a bad one, or a credential that no longer works. */
export type UnauthorizedCode = "UNAUTHENTICATED" | "INVALID_CREDENTIAL" | "KEY_REVOKED" | "KEY_EXPIRED" | "PARTNER_SUSPENDED" | "TOKEN_EXPIRED";

export function expectUnauthorized(res: CallResult, code: UnauthorizedCode) {
  expectProblem(res, 401, code);
  expect(res.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
}

export function describeSecurity<C extends SecurityContext>(getDb: () => Db, spec: SecuritySpec<C>) {
  const allowed = spec.allowed ?? [spec.adminOnly ? "admin" : "tenant:owner"];
  const denied: Denial[] = [...(spec.denied ?? [])];
  if (spec.adminOnly) {
    for (const actor of ["tenant:owner", "user"] as const) {
      if (!denied.some((d) => d.actor === actor)) denied.push({ actor, status: 403, code: "FORBIDDEN" });
    }
  }
  const mutating = MUTATING.has(spec.method);
  // Session-specific checks (forged/expired cookies, cross-site) need a caller who signs in.
  const sessionActor = allowed.find((a) => !isApiKeyActor(a));
  const keyActor = allowed.find((a) => a.startsWith(API_KEY));
  const crossTenant = spec.crossTenant ?? ["other-tenant"];

  /**
   * Seeds the test's data and, when given, the actor's credential (an API key is
   * a row of the tenant, so it is issued before the state snapshot is taken).
   */
  async function prepare(actor?: Actor, keyOpts?: Parameters<typeof createApiKey>[2]) {
    const db = getDb();
    const ctx = await spec.setup(db);
    let credential: Pick<CallOptions, "cookie" | "bearer"> = {};
    if (actor && keyOpts) credential = { bearer: (await apiKeyFor(db, ctx.tenant, actor, keyOpts)).key };
    else if (actor) credential = await credentialFor(db, ctx.tenant, actor);
    const call = (opts: Partial<CallOptions> = {}, c: C = ctx) =>
      callRoute(spec.handler, {
        method: spec.method,
        path: spec.path(c),
        params: spec.params?.(c) ?? {},
        ...(spec.body ? { body: spec.body(c) } : {}),
        ...opts,
      });
    const snapshot = async () => (spec.state ? JSON.stringify(await spec.state(db, ctx)) : undefined);
    const before = await snapshot();
    const unchanged = async () => {
      if (spec.state) expect(await snapshot(), "a refused request changed state").toBe(before);
    };
    const noLeak = (res: CallResult) => {
      for (const s of [ctx.tenant.name, ctx.tenant.slug, ...(spec.secrets?.(ctx) ?? [])]) expect(res.text).not.toContain(s);
    };
    return { db, ctx, call, snapshot, before, unchanged, noLeak, credential };
  }

  describe(`${spec.name}: security`, () => {
    for (const actor of allowed) {
      it(`lets ${actor} in (control: ${spec.okStatus})`, async () => {
        const { call, snapshot, before, credential } = await prepare(actor);
        const res = await call(credential);
        expect(res.status, res.text).toBe(spec.okStatus);
        if (isApiKeyActor(actor)) expectRateLimitHeaders(res);
        if (mutating && spec.state) expect(await snapshot(), "the allowed request did not change state").not.toBe(before);
      });
    }

    it("answers 401 with WWW-Authenticate: Bearer without a credential", async () => {
      const { call, unchanged, noLeak } = await prepare();
      const res = await call();
      expectUnauthorized(res, "UNAUTHENTICATED");
      noLeak(res);
      await unchanged();
    });

    it("treats a garbage session cookie as no session (401)", async () => {
      const { call, unchanged } = await prepare();
      expectUnauthorized(await call({ cookie: "next-auth.session-token=garbage" }), "UNAUTHENTICATED");
      await unchanged();
    });

    if (sessionActor) {
      it("refuses a session cookie signed with another secret (401)", async () => {
        const { db, ctx, call, unchanged } = await prepare();
        const userId = await actorUserId(db, ctx.tenant, sessionActor);
        const forged = await sessionCookie(userId, { secret: randomBytes(32).toString("hex") });
        expectUnauthorized(await call({ cookie: forged }), "UNAUTHENTICATED");
        await unchanged();
      });

      it("refuses an expired session cookie (401)", async () => {
        const { db, ctx, call, unchanged } = await prepare();
        const userId = await actorUserId(db, ctx.tenant, sessionActor);
        expectUnauthorized(await call({ cookie: await sessionCookie(userId, { maxAge: -120 }) }), "UNAUTHENTICATED");
        await unchanged();
      });

      it("refuses the session of a user who no longer exists (401 INVALID_CREDENTIAL)", async () => {
        const { db, ctx, call, unchanged } = await prepare();
        const userId = await actorUserId(db, ctx.tenant, sessionActor);
        const cookie = await sessionCookie(userId);
        await db.delete(users).where(eq(users.id, userId));
        expectUnauthorized(await call({ cookie }), "INVALID_CREDENTIAL");
        await unchanged();
      });
    }

    it("answers `Authorization: Bearer garbage` with 401 INVALID_CREDENTIAL", async () => {
      const { call, unchanged, noLeak } = await prepare();
      const res = await call({ bearer: "garbage" });
      expectUnauthorized(res, "INVALID_CREDENTIAL");
      noLeak(res);
      await unchanged();
    });

    it("answers a non-Bearer Authorization header with 401 INVALID_CREDENTIAL", async () => {
      const { call, unchanged } = await prepare();
      expectUnauthorized(await call({ headers: { authorization: "Basic YWRtaW46YWRtaW4=" } }), "INVALID_CREDENTIAL");
      await unchanged();
    });

    if (sessionActor) {
      it("does not let a valid session cookie rescue a bad bearer credential (401)", async () => {
        const { db, ctx, call, unchanged } = await prepare();
        const cookie = await cookieFor(db, ctx.tenant, sessionActor);
        expectUnauthorized(await call({ cookie, bearer: "garbage" }), "INVALID_CREDENTIAL");
        await unchanged();
      });
    }

    it("refuses a well-formed API key that was never issued (401 INVALID_CREDENTIAL)", async () => {
      const { call, unchanged, noLeak } = await prepare();
      const res = await call({ bearer: generateKey() });
      expectUnauthorized(res, "INVALID_CREDENTIAL");
      noLeak(res);
      await unchanged();
    });

    if (keyActor) {
      const dead: Array<[string, UnauthorizedCode, Parameters<typeof createApiKey>[2]]> = [
        ["revoked", "KEY_REVOKED", { status: "revoked" }],
        ["expired", "KEY_EXPIRED", { expiresAt: new Date(Date.now() - 60_000) }],
        ["rotated past its grace period", "KEY_EXPIRED", { status: "expiring", graceEndsAt: new Date(Date.now() - 1_000) }],
      ];
      for (const [label, code, opts] of dead) {
        it(`refuses an API key with the right scopes that is ${label} (401 ${code})`, async () => {
          const { call, unchanged, noLeak, credential } = await prepare(keyActor, opts);
          const res = await call(credential);
          expectUnauthorized(res, code);
          noLeak(res);
          await unchanged();
        });
      }
    }

    for (const d of denied) {
      it(`refuses ${d.actor} with ${d.status} ${d.code}`, async () => {
        const { call, unchanged, noLeak, credential } = await prepare(d.actor);
        const res = await call(credential);
        expectProblem(res, d.status, d.code);
        if (isApiKeyActor(d.actor)) expectRateLimitHeaders(res);
        if (d.code === "INSUFFICIENT_SCOPE" && spec.requiredScope) expect(res.text).toContain(spec.requiredScope);
        if (d.status === 404) noLeak(res);
        await unchanged();
      });
    }

    for (const other of crossTenant) {
      const suffix = other === "other-tenant" ? "" : ` (${other})`;
      it(`answers another tenant exactly as it answers an id that does not exist${suffix}`, async () => {
        const { ctx, call, unchanged, noLeak, credential } = await prepare(other);
        const owned = spec.ownedId?.(ctx) ?? ctx.tenant.id;
        const addressed = spec.path(ctx).includes(owned);
        const res = await call(credential);
        if (!addressed) {
          // Routes not addressed by a tenant id (lists, creation) must still not show this tenant.
          expect(res.status).toBeLessThan(500);
          noLeak(res);
          return;
        }
        if (spec.adminOnly) expectProblem(res, 403, "FORBIDDEN");
        else expectProblem(res, 404, "NOT_FOUND");
        noLeak(res);
        await unchanged();

        const missing = randomUUID();
        const swap = (s: string) => s.split(owned).join(missing);
        const ghost = spec.ownedId ? ctx : { ...ctx, tenant: { ...ctx.tenant, id: missing } };
        const params = Object.fromEntries(Object.entries(spec.params?.(ctx) ?? {}).map(([k, v]) => [k, swap(v)]));
        const res2 = await call({ ...credential, path: swap(spec.path(ctx)), params }, ghost);
        expect({ status: res2.status, code: res2.body?.code }).toEqual({ status: res.status, code: res.body.code });
        expect(res2.body.detail).toBe(res.body.detail);
      });
    }

    if (mutating && sessionActor) {
      const crossSite: Array<[string, Record<string, string>]> = [
        ["sec-fetch-site: cross-site", { "sec-fetch-site": "cross-site" }],
        ["a foreign Origin", { origin: "https://evil.example" }],
        ["Origin: null", { origin: "null" }],
      ];
      for (const [label, headers] of crossSite) {
        it(`refuses a cookie-authenticated request with ${label} (403)`, async () => {
          const { db, ctx, call, unchanged } = await prepare();
          const res = await call({ cookie: await cookieFor(db, ctx.tenant, sessionActor), headers });
          expectProblem(res, 403, "FORBIDDEN");
          await unchanged();
        });
      }
      it("accepts the same request from its own origin (control)", async () => {
        const { db, ctx, call } = await prepare();
        const res = await call({
          cookie: await cookieFor(db, ctx.tenant, sessionActor),
          headers: { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
        });
        expect(res.status, res.text).toBe(spec.okStatus);
      });
    }
  });
}
