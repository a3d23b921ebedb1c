import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as checkRoute from "@/app/api/v1/integrations/[id]/health-check/route";
import * as historyRoute from "@/app/api/v1/integrations/[id]/health-checks/route";
import * as uptimeRoute from "@/app/api/v1/integrations/[id]/uptime/route";
import type { Db } from "@/db";
import { integrationHealthChecks, integrations } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createApiKey, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { describeSecurity, expectProblem, type SecurityContext } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { installedIntegration, startHealthServer, type HealthFixture } from "./health-fixtures";
import { integrationUptime } from "./health-history";
import { runDueHealthChecks } from "./run-due-health-checks";

const db = useTestDb();
let server: Awaited<ReturnType<typeof startHealthServer>>;
beforeAll(async () => (server = await startHealthServer()));
afterAll(() => server.close());

const checkNow = (id: string, cookie?: string, bearer?: string) =>
  callRoute(checkRoute.POST, { method: "POST", path: `/api/v1/integrations/${id}/health-check`, params: { id }, cookie, bearer });
const history = (id: string, cookie: string, qs = "") => callRoute(historyRoute.GET, { path: `/api/v1/integrations/${id}/health-checks${qs}`, params: { id }, cookie });
const uptime = (id: string, cookie: string, qs = "") => callRoute(uptimeRoute.GET, { path: `/api/v1/integrations/${id}/uptime${qs}`, params: { id }, cookie });
const cookieOf = (u: { id: string }) => sessionCookie(u.id);

describe("POST /integrations/{id}/health-check", () => {
  it("runs one check now and answers {healthy, status, httpStatus, latencyMs}", async () => {
    const f = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/manual` });
    const res = await checkNow(f.integration.id, await cookieOf(f.accountOwner));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ healthy: true, status: "active", httpStatus: 200, latencyMs: expect.any(Number) });
    expect(server.to("/ok/manual")).toHaveLength(1);
    const [row] = await db().select().from(integrations).where(eq(integrations.id, f.integration.id));
    expect(row).toMatchObject({ lastHealthStatus: "HTTP 200", consecutiveFailures: 0 });
    expect(row.lastHealthCheckAt).not.toBeNull();
  });

  it("reports a failure with its error (no httpStatus when nothing answered) and counts it", async () => {
    const f = await installedIntegration(db(), { healthCheckUrl: "http://127.0.0.1:9/down", status: "degraded" });
    await db().update(integrations).set({ consecutiveFailures: 5 }).where(eq(integrations.id, f.integration.id));
    const res = await checkNow(f.integration.id, await cookieOf(f.partnerDeveloper));
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ healthy: false, status: "failed", latencyMs: expect.any(Number), error: expect.stringContaining("connection refused") });
    const fail = await checkNow(f.integration.id, await cookieOf(f.accountAdmin));
    expect(fail.body).toMatchObject({ healthy: false, status: "failed" });
  });

  it("answers 409 for an integration that is not checked, or whose app has no health-check URL", async () => {
    const pending = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/pending`, status: "pending" });
    expectProblem(await checkNow(pending.integration.id, await cookieOf(pending.accountOwner)), 409, "INVALID_TRANSITION");
    const noUrl = await installedIntegration(db(), { healthCheckUrl: null });
    const res = await checkNow(noUrl.integration.id, await cookieOf(noUrl.accountOwner));
    expectProblem(res, 409, "CONFLICT");
    expect(res.body.errors).toEqual([{ path: "healthCheckUrl", message: expect.any(String) }]);
    expect(server.to("/ok/pending")).toEqual([]);
  });

  it("counts checks racing each other one by one: three concurrent failures make three", async () => {
    const now = new Date();
    const failing = await installedIntegration(db(), { healthCheckUrl: `${server.base}/fail/race`, nextAt: now });
    const cookie = await cookieOf(failing.accountOwner);
    await Promise.all([checkNow(failing.integration.id, cookie), runDueHealthChecks(db(), { now }), checkNow(failing.integration.id, cookie)]);
    const [row] = await db().select().from(integrations).where(eq(integrations.id, failing.integration.id));
    expect(row.consecutiveFailures).toBe(3);
    const rows = await db().select().from(integrationHealthChecks).where(eq(integrationHealthChecks.integrationId, failing.integration.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["active", "active", "degraded"]);
  });

  it("lets the app's partner run it with an API key (write:marketplace), and 404s another partner's key", async () => {
    const f = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/by-key` });
    const key = await createApiKey(db(), f.partner.id, { scopes: ["write:marketplace"] });
    const res = await checkNow(f.integration.id, undefined, key.key);
    expect(res.status, res.text).toBe(200);
    const other = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/other` });
    expectProblem(await checkNow(other.integration.id, undefined, key.key), 404, "NOT_FOUND");
  });
});

describe("GET /integrations/{id}/health-checks and /uptime", () => {
  let f: HealthFixture;
  const now = new Date();
  const day = 86_400_000;
  beforeAll(async () => {
    f = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/history` });
    const today = Math.floor(now.getTime() / day) * day;
    // Two days ago: 3 healthy, 1 failed; yesterday: nothing; today: 2 healthy.
    const at = (d: number, h: number) => new Date(today - d * day + h * 3_600_000);
    await db()
      .insert(integrationHealthChecks)
      .values([
        ...[1, 2, 3].map((h) => ({ integrationId: f.integration.id, checkedAt: at(2, h), healthy: true, httpStatus: 200, latencyMs: 12, status: "active" })),
        { integrationId: f.integration.id, checkedAt: at(2, 4), healthy: false, httpStatus: 503, latencyMs: 40, error: "answered 503", status: "active" },
        ...[0, 0.5].map((h) => ({ integrationId: f.integration.id, checkedAt: at(0, h), healthy: true, httpStatus: 200, latencyMs: 9, status: "active" })),
        // Outside a 3-day range.
        { integrationId: f.integration.id, checkedAt: at(5, 1), healthy: false, httpStatus: 500, latencyMs: 9, error: "answered 500", status: "active" },
      ]);
  });

  it("lists checks newest first, paginated, and filters failures (any account member may read)", async () => {
    const cookie = await cookieOf(f.accountMember);
    const first = await history(f.integration.id, cookie, "?limit=4");
    expect(first.status, first.text).toBe(200);
    expect(first.body.data).toHaveLength(4);
    const all = [...first.body.data, ...(await history(f.integration.id, cookie, `?limit=4&cursor=${first.body.nextCursor}`)).body.data];
    expect(all).toHaveLength(7);
    const times = all.map((c: { checkedAt: string }) => c.checkedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(all[0]).toEqual({ id: expect.any(String), checkedAt: expect.any(String), healthy: true, httpStatus: 200, latencyMs: 9, error: null, status: "active" });
    const failures = await history(f.integration.id, cookie, "?healthy=false");
    expect(failures.body.data.map((c: { error: string }) => c.error)).toEqual(["answered 503", "answered 500"]);
  });

  it("gives per-day uptime over the last `days`, every day listed", async () => {
    const res = await uptime(f.integration.id, await cookieOf(f.partnerOwner), "?days=3");
    expect(res.status, res.text).toBe(200);
    const iso = (d: number) => new Date(Math.floor(now.getTime() / day) * day - d * day).toISOString().slice(0, 10);
    expect(res.body).toEqual({
      integrationId: f.integration.id,
      from: iso(2),
      to: iso(0),
      checks: 6,
      healthy: 5,
      uptime: 83.33,
      data: [
        { day: iso(2), checks: 4, healthy: 3, uptime: 75 },
        { day: iso(1), checks: 0, healthy: 0, uptime: null },
        { day: iso(0), checks: 2, healthy: 2, uptime: 100 },
      ],
    });
    const month = await integrationUptime(db(), { type: "session", userId: null, partnerId: null, partnerRole: null, accountId: null, isPlatformAdmin: true, scopes: ["admin"], credentialId: null }, f.integration.id, { days: 30 }, now);
    expect(month.data).toHaveLength(30);
    expect(month.checks).toBe(7);
    const bad = await uptime(f.integration.id, await cookieOf(f.partnerOwner), "?days=31");
    expectProblem(bad, 422, "VALIDATION_FAILED");
  });
});

// ------------------------------------------------------------------ security

type Ctx = SecurityContext & { f: HealthFixture };

async function accountTenant(db: Db): Promise<Ctx> {
  const f = await installedIntegration(db, { healthCheckUrl: `${server.base}/ok/security` });
  return { f, tenant: { kind: "account", id: f.account.id, name: f.account.name, slug: f.account.slug } };
}
async function partnerTenant(db: Db): Promise<Ctx> {
  const f = await installedIntegration(db, { healthCheckUrl: `${server.base}/ok/security` });
  return { f, tenant: { kind: "partner", id: f.partner.id, name: f.partner.name, slug: f.partner.slug } };
}
const checksOf = async (db: Db, c: Ctx) => (await db.select({ id: integrationHealthChecks.id }).from(integrationHealthChecks).where(eq(integrationHealthChecks.integrationId, c.f.integration.id))).length;

const checkSpec = {
  name: "POST /integrations/{id}/health-check",
  handler: checkRoute.POST,
  method: "POST" as const,
  path: (c: Ctx) => `/api/v1/integrations/${c.f.integration.id}/health-check`,
  params: (c: Ctx) => ({ id: c.f.integration.id }),
  okStatus: 200,
  ownedId: (c: Ctx) => c.f.integration.id,
  state: checksOf,
};

describeSecurity(db, {
  ...checkSpec,
  name: `${checkSpec.name} (account)`,
  setup: accountTenant,
  allowed: ["tenant:owner", "tenant:admin", "admin"],
  denied: [
    { actor: "tenant:member", status: 403, code: "FORBIDDEN" },
    { actor: "customer", status: 404, code: "NOT_FOUND" },
    { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
  ],
});

describeSecurity(db, {
  ...checkSpec,
  name: `${checkSpec.name} (partner)`,
  setup: partnerTenant,
  allowed: ["tenant:owner", "tenant:developer", "api_key:write:marketplace"],
  requiredScope: "write:marketplace",
  denied: [{ actor: "api_key:read:marketplace", status: 403, code: "INSUFFICIENT_SCOPE" }],
  crossTenant: ["other-tenant", "other-tenant:api_key:write:marketplace"],
});

for (const [name, handler, suffix] of [
  ["GET /integrations/{id}/health-checks", historyRoute.GET, "health-checks"],
  ["GET /integrations/{id}/uptime", uptimeRoute.GET, "uptime"],
] as const) {
  const spec = {
    name,
    handler,
    method: "GET" as const,
    path: (c: Ctx) => `/api/v1/integrations/${c.f.integration.id}/${suffix}`,
    params: (c: Ctx) => ({ id: c.f.integration.id }),
    okStatus: 200,
    ownedId: (c: Ctx) => c.f.integration.id,
  };
  describeSecurity(db, {
    ...spec,
    name: `${name} (account)`,
    setup: accountTenant,
    allowed: ["tenant:owner", "tenant:member", "admin"],
    denied: [{ actor: "customer", status: 404, code: "NOT_FOUND" }],
  });
  describeSecurity(db, {
    ...spec,
    name: `${name} (partner)`,
    setup: partnerTenant,
    allowed: ["tenant:developer", "api_key:read:marketplace"],
    requiredScope: "read:marketplace",
    denied: [{ actor: "api_key:read:claims", status: 403, code: "INSUFFICIENT_SCOPE" }],
    crossTenant: ["other-tenant", "other-tenant:api_key:read:marketplace"],
  });
}

describe("platform admins", () => {
  it("see any integration's health", async () => {
    const f = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/admin` });
    const admin = await createUser(db(), { admin: true });
    expect((await history(f.integration.id, await cookieOf(admin))).status).toBe(200);
  });
});
