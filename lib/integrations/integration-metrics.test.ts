import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/oauth/token/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as keysRoute from "@/app/api/v1/keys/route";
import * as itemRoute from "@/app/api/v1/integrations/[id]/route";
import * as metricsRoute from "@/app/api/v1/integrations/[id]/metrics/route";
import * as errorsRoute from "@/app/api/v1/integrations/[id]/errors/route";
import { integrationErrors, integrationHealthChecks, integrationLatency, integrationMetrics } from "@/db/schema";
import { answerAuthorize } from "@/lib/oauth/authorization-code";
import { callRoute } from "@/lib/testing/call-route";
import { sessionCookie } from "@/lib/testing/fixtures";
import { installIntegration, integrationAccessToken, type InstalledIntegration } from "@/lib/testing/integration-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { ERRORS_PER_MINUTE, IntegrationMeter } from "./integration-meter";
import { bucketOf, bucketValueMs, quantileMs } from "./latency-buckets";
import { flushIntegrationMetrics } from "./meter-integration-call";

const db = useTestDb();
// Registered after useTestDb, so it runs before the database is dropped: no count is left for the flush loop.
afterAll(() => flushIntegrationMetrics());

const today = () => new Date().toISOString().slice(0, 10);

async function metrics(i: InstalledIntegration, query = "") {
  const id = i.integration.id;
  const res = await callRoute(metricsRoute.GET, { path: `/api/v1/integrations/${id}/metrics${query}`, params: { id }, cookie: await sessionCookie(i.owner.id) });
  expect(res.status, res.text).toBe(200);
  return res.body as { from: string; to: string; data: { day: string; requests: number; errors: number; p50Ms: number | null; p99Ms: number | null; uptime: number | null }[] };
}

async function errorsOf(i: InstalledIntegration, query = "") {
  const id = i.integration.id;
  const res = await callRoute(errorsRoute.GET, { path: `/api/v1/integrations/${id}/errors${query}`, params: { id }, cookie: await sessionCookie(i.partnerUser.id) });
  expect(res.status, res.text).toBe(200);
  return res.body as { data: { id: string; source: string; code: string; message: string; occurredAt: string; requestId?: string; httpStatus?: number | null }[]; nextCursor: string | null };
}

/** An access token as the real consent + token endpoint issue it to the app for the account. */
async function tokenThroughConsent(i: InstalledIntegration) {
  const redirect = i.version.redirectUris[0];
  const answer = await answerAuthorize(
    db(),
    { response_type: "code", client_id: i.client.clientId, redirect_uri: redirect, scope: "read:leads", state: "s1" },
    { userId: i.owner.id, accountId: i.account.id, accountName: i.account.name },
    true,
  );
  if (answer.kind !== "redirect") throw new Error(JSON.stringify(answer));
  const code = new URL(answer.url).searchParams.get("code")!;
  const res = await callRoute(tokenRoute.POST, {
    path: "/api/oauth/token",
    rawBody: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: redirect }).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${i.client.clientId}:${i.clientSecret}`).toString("base64")}`,
    },
  });
  expect(res.status, res.text).toBe(200);
  return res.body.access_token as string;
}

describe("API metrics of an integration", () => {
  it("counts requests made with its OAuth tokens, with errors, latency and the failed requests' ids", async () => {
    const i = await installIntegration(db());
    const bearer = await tokenThroughConsent(i);
    // Another app installed in the same account: its calls are not this integration's.
    const neighbour = await installIntegration(db(), { account: i.account });
    const { token: neighbourToken } = await integrationAccessToken(db(), neighbour);

    for (let k = 0; k < 6; k++) expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer })).status).toBe(200);
    const denied = await callRoute(keysRoute.GET, { path: "/api/v1/keys", bearer }); // the token has no read:keys
    expect(denied.status).toBe(403);
    const missing = await callRoute(itemRoute.GET, { path: `/api/v1/integrations/${randomUUID()}`, params: {}, bearer });
    expect(missing.status).toBe(403); // read:leads only: refused before the lookup
    for (let k = 0; k < 3; k++) await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: neighbourToken });
    // A session's calls are never an integration's.
    await callRoute(meRoute.GET, { path: "/api/v1/me", cookie: await sessionCookie(i.owner.id) });

    await flushIntegrationMetrics();
    const day = (await metrics(i)).data.at(-1)!;
    expect(day).toMatchObject({ day: today(), requests: 8, errors: 2, uptime: null });
    expect(day.p50Ms).not.toBeNull();
    expect(day.p99Ms!).toBeGreaterThanOrEqual(day.p50Ms!);
    expect((await metrics(neighbour)).data.at(-1)).toMatchObject({ requests: 3, errors: 0 });

    const errs = await errorsOf(i);
    expect(errs.data.map((e) => [e.source, e.code, e.httpStatus])).toEqual([
      ["api", "INSUFFICIENT_SCOPE", 403],
      ["api", "INSUFFICIENT_SCOPE", 403],
    ]);
    expect(errs.data.map((e) => e.requestId).sort()).toEqual([denied.headers.get("x-request-id"), missing.headers.get("x-request-id")].sort());
    expect(errs.data[0].message).toContain("read:");

    // Counts add up across flushes (upserts, not overwrites).
    await callRoute(meRoute.GET, { path: "/api/v1/me", bearer });
    await flushIntegrationMetrics();
    expect((await metrics(i)).data.at(-1)).toMatchObject({ requests: 9, errors: 2 });
  });

  it("computes p50 and p99 from the day's latency histogram", async () => {
    const i = await installIntegration(db());
    const meter = new IntegrationMeter();
    const call = { clientId: i.client.id, accountId: i.account.id, status: 200, requestId: "r" };
    for (let k = 0; k < 97; k++) meter.record({ ...call, latencyMs: 10 });
    for (let k = 0; k < 3; k++) meter.record({ ...call, latencyMs: 800, status: 502 });
    // Yesterday, in the same flush: a day of its own.
    const yesterday = new Date(Date.now() - 86_400_000);
    meter.record({ ...call, latencyMs: 40, at: yesterday });
    await meter.flush(db());
    const { data } = await metrics(i, `?from=${yesterday.toISOString().slice(0, 10)}&to=${today()}`);
    expect(data).toHaveLength(2);
    expect(data[0]).toMatchObject({ day: yesterday.toISOString().slice(0, 10), requests: 1, errors: 0 });
    expect(data[0].p50Ms).toBeGreaterThanOrEqual(36);
    expect(data[0].p50Ms).toBeLessThanOrEqual(44);
    expect(data[1]).toMatchObject({ requests: 100, errors: 3 });
    expect(data[1].p50Ms).toBeGreaterThanOrEqual(9);
    expect(data[1].p50Ms).toBeLessThanOrEqual(11);
    expect(data[1].p99Ms).toBeGreaterThanOrEqual(720);
    expect(data[1].p99Ms).toBeLessThanOrEqual(880);
    const buckets = await db().select().from(integrationLatency).where(eq(integrationLatency.integrationId, i.integration.id));
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(101);
  });

  it("lists every day of the range, and refuses a reversed or too long one", async () => {
    const i = await installIntegration(db());
    const { data, from, to } = await metrics(i);
    expect(data).toHaveLength(30);
    expect(to).toBe(today());
    expect(data[0].day).toBe(from);
    expect(data.every((d) => d.requests === 0 && d.p50Ms === null && d.uptime === null)).toBe(true);
    const id = i.integration.id;
    const cookie = await sessionCookie(i.owner.id);
    for (const q of ["?from=2026-02-10&to=2026-02-01", "?from=2020-01-01&to=2026-01-01", "?from=yesterday"]) {
      const res = await callRoute(metricsRoute.GET, { path: `/api/v1/integrations/${id}/metrics${q}`, params: { id }, cookie });
      expect(res.status, q).toBe(422);
    }
  });

  it("takes uptime from the day's health checks and merges failed ones into /errors, newest first", async () => {
    const i = await installIntegration(db());
    // Yesterday noon (UTC): a whole past day, whatever the time of the run.
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const base = new Date(`${day}T12:00:00Z`).getTime();
    const at = (min: number) => new Date(base + min * 60_000);
    await db().insert(integrationHealthChecks).values([
      { integrationId: i.integration.id, checkedAt: at(1), healthy: true, httpStatus: 200, latencyMs: 12, status: "active" },
      { integrationId: i.integration.id, checkedAt: at(2), healthy: true, httpStatus: 200, latencyMs: 12, status: "active" },
      { integrationId: i.integration.id, checkedAt: at(3), healthy: false, httpStatus: 503, latencyMs: 30, error: null, status: "active" },
      { integrationId: i.integration.id, checkedAt: at(4), healthy: true, httpStatus: 204, latencyMs: 9, status: "active" },
      // Another integration's check counts for nothing here.
      { integrationId: (await installIntegration(db())).integration.id, checkedAt: at(1), healthy: false, latencyMs: 1, error: "refused", status: "active" },
    ]);
    await db().insert(integrationErrors).values([
      { integrationId: i.integration.id, code: "NOT_FOUND", message: "Lead not found", occurredAt: at(2.5), details: { requestId: "req_a", status: 404 } },
      { integrationId: i.integration.id, code: "INTERNAL", message: "Something went wrong", occurredAt: at(3.5), details: { requestId: "req_b", status: 500 } },
    ]);
    const { data } = await metrics(i, `?from=${day}&to=${day}`);
    expect(data).toEqual([{ day, requests: 0, errors: 0, p50Ms: null, p99Ms: null, uptime: 75 }]);

    const all = await errorsOf(i);
    expect(all.data.map((e) => [e.code, e.requestId ?? null])).toEqual([
      ["INTERNAL", "req_b"],
      ["HEALTH_CHECK_FAILED", null],
      ["NOT_FOUND", "req_a"],
    ]);
    expect(all.data[1]).toMatchObject({ source: "health_check", message: "The health check answered HTTP 503", httpStatus: 503 });

    const first = await errorsOf(i, "?limit=2");
    expect(first.data).toHaveLength(2);
    const second = await errorsOf(i, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.data, ...second.data].map((e) => e.id)).toEqual(all.data.map((e) => e.id));
    expect(second.nextCursor).toBeNull();
  });

  it("samples API errors: at most ERRORS_PER_MINUTE rows a minute, the rest counted and summarised", async () => {
    const i = await installIntegration(db());
    const meter = new IntegrationMeter();
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    for (let k = 0; k < 25; k++) {
      meter.record({ clientId: i.client.id, accountId: i.account.id, status: 429, latencyMs: 2, requestId: `req_${k}`, error: { code: "RATE_LIMITED", message: "slow down" }, at: new Date(minute.getTime() + k) });
    }
    // The next minute opens a new window.
    meter.record({ clientId: i.client.id, accountId: i.account.id, status: 500, latencyMs: 2, requestId: "req_next", at: new Date(minute.getTime() + 60_000) });
    await meter.flush(db());
    const rows = await db().select().from(integrationErrors).where(eq(integrationErrors.integrationId, i.integration.id));
    expect(rows.filter((r) => r.code === "RATE_LIMITED")).toHaveLength(ERRORS_PER_MINUTE);
    expect(rows.filter((r) => r.code === "INTERNAL").map((r) => r.details.requestId)).toEqual(["req_next"]);
    const summary = rows.filter((r) => r.code === "ERRORS_SAMPLED");
    expect(summary).toHaveLength(1);
    expect(summary[0].message).toContain("15 more");
    const counted = await db().select().from(integrationMetrics).where(eq(integrationMetrics.integrationId, i.integration.id));
    expect(counted.reduce((s, r) => s + r.errors, 0)).toBe(26);
  });

  it("keeps the counts of a failed flush for the next one", async () => {
    const i = await installIntegration(db());
    const meter = new IntegrationMeter();
    meter.record({ clientId: i.client.id, accountId: i.account.id, status: 200, latencyMs: 5, requestId: "a" });
    const broken = { execute: () => Promise.reject(new Error("database down")) } as unknown as Parameters<typeof meter.flush>[0];
    await expect(meter.flush(broken)).rejects.toThrow("database down");
    expect(meter.pending).toBe(1);
    await meter.flush(db());
    expect(meter.pending).toBe(0);
    const [row] = await db().select().from(integrationMetrics).where(eq(integrationMetrics.integrationId, i.integration.id));
    expect(row.requests).toBe(1);
  });
});

describe("latency buckets", () => {
  it("place a latency within ±10 % of its band's value, monotonically", () => {
    let last = -1;
    for (const ms of [0.2, 1, 1.5, 3, 10, 47, 100, 333, 1000, 9999, 60_000]) {
      const b = bucketOf(ms);
      expect(b).toBeGreaterThanOrEqual(last);
      last = b;
      if (ms >= 1) expect(Math.abs(bucketValueMs(b) - ms) / ms).toBeLessThanOrEqual(0.1 + 0.5 / ms);
    }
    expect(quantileMs([], 0.5)).toBeNull();
    expect(quantileMs([[bucketOf(10), 1], [bucketOf(1000), 1]], 0.5)).toBe(bucketValueMs(bucketOf(10)));
    expect(quantileMs([[bucketOf(10), 1], [bucketOf(1000), 1]], 0.99)).toBe(bucketValueMs(bucketOf(1000)));
  });
});
