import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { events, integrationHealthChecks, integrations, notifications } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { useTestDb } from "@/lib/testing/test-db";
import { generateWebhookSecret } from "@/lib/webhooks/transport/sign";
import { HEALTH_CHECK_EVERY_MS, healthPhase } from "@/lib/integrations/health-phase";
import { installedIntegration, startHealthServer } from "./health-fixtures";
import { pruneHealthChecks } from "./prune-health-checks";
import { nextHealthState } from "./record-health-check";
import { runDueHealthChecks } from "./run-due-health-checks";

const db = useTestDb();
let server: Awaited<ReturnType<typeof startHealthServer>>;
beforeAll(async () => (server = await startHealthServer()));
afterAll(() => server.close());
// Each test's integrations are its own: what an earlier test installed is no longer checked.
afterEach(async () => {
  await db().update(integrations).set({ status: "disconnected", uninstalledAt: new Date() });
});

const MIN = 60_000;
const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);
/** A run of the every-minute job at `now`, with a short timeout so a hanging server costs little. */
const run = (now: Date, opts: Parameters<typeof runDueHealthChecks>[1] = {}) => runDueHealthChecks(db(), { now, timeoutMs: 1_000, ...opts });
const stateOf = async (id: string) => (await db().select().from(integrations).where(eq(integrations.id, id)))[0];

describe("health state transitions (rules)", () => {
  it("needs 3 failures in a row for degraded and 6 for failed; one success makes it active", () => {
    let s = { status: "active" as const, consecutiveFailures: 0 } as Parameters<typeof nextHealthState>[0];
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) seen.push((s = nextHealthState(s, false)).status);
    expect(seen).toEqual(["active", "active", "degraded", "degraded", "degraded", "failed", "failed"]);
    expect(nextHealthState(s, true)).toEqual({ status: "active", consecutiveFailures: 0 });
    expect(nextHealthState({ status: "degraded", consecutiveFailures: 4 }, true)).toEqual({ status: "active", consecutiveFailures: 0 });
  });
});

describe("scheduled health checks", () => {
  it("active → degraded at 3 failures → failed at 6 (one integration.failed, one notice each) → active at the first success", async () => {
    const t0 = new Date("2031-03-02T10:00:00.000Z");
    server.flip.ok = false;
    const f = await installedIntegration(db(), { healthCheckUrl: `${server.base}/flip/a`, nextAt: t0 });
    const statuses: string[] = [];
    for (let i = 0; i < 7; i++) {
      const summary = await run(plus(t0, i * 5 * MIN));
      expect(summary.checked).toBe(1);
      const row = await stateOf(f.integration.id);
      statuses.push(`${row.status}:${row.consecutiveFailures}`);
    }
    expect(statuses).toEqual(["active:1", "active:2", "degraded:3", "degraded:4", "degraded:5", "failed:6", "failed:7"]);

    const failedEvents = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, "integration.failed"), sql`${events.data}->>'integrationId' = ${f.integration.id}`));
    expect(failedEvents).toHaveLength(1);
    expect(failedEvents[0]).toMatchObject({ partnerId: f.partner.id, accountId: f.account.id });
    expect(failedEvents[0].data).toMatchObject({ integrationId: f.integration.id, applicationId: f.app.id, error: "answered 503" });

    const notified = await db()
      .select({ userId: notifications.userId, title: notifications.title })
      .from(notifications)
      .where(eq(notifications.kind, "integration.failed"));
    const everyone = [f.partnerOwner, f.partnerDeveloper, f.accountOwner, f.accountMember, f.accountAdmin].map((u) => u.id);
    expect(notified.map((n) => n.userId).sort()).toEqual([...everyone].sort());
    expect(notified.find((n) => n.userId === f.accountOwner.id)?.title).toContain(f.app.name);

    server.flip.ok = true;
    const healthy = await run(plus(t0, 7 * 5 * MIN));
    expect(healthy).toMatchObject({ checked: 1, healthy: 1, unhealthy: 0 });
    expect(await stateOf(f.integration.id)).toMatchObject({ status: "active", consecutiveFailures: 0, lastHealthStatus: "HTTP 200", lastHealthCheckAt: plus(t0, 35 * MIN) });

    const history = await db().select().from(integrationHealthChecks).where(eq(integrationHealthChecks.integrationId, f.integration.id)).orderBy(asc(integrationHealthChecks.checkedAt));
    expect(history.map((h) => [h.healthy, h.httpStatus, h.status])).toEqual([
      ...["active", "active", "degraded", "degraded", "degraded", "failed", "failed"].map((s) => [false, 503, s]),
      [true, 200, "active"],
    ]);
    // Failing again later is a new transition: a second event, no more.
    server.flip.ok = false;
    for (let i = 8; i < 14; i++) await run(plus(t0, i * 5 * MIN));
    const again = await db().select({ id: events.id }).from(events).where(and(eq(events.type, "integration.failed"), sql`${events.data}->>'integrationId' = ${f.integration.id}`));
    expect(again).toHaveLength(2);
    server.flip.ok = true;
  });

  it("signs the GET like a webhook: Webhook.verify with the app's secret and an empty payload accepts it", async () => {
    const now = new Date("2031-03-03T10:00:00.000Z");
    const f = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/signed?probe=1`, nextAt: now });
    await run(now);
    const [req] = server.to("/ok/signed");
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/ok/signed?probe=1");
    const headers = { "webhook-id": String(req.headers["webhook-id"]), "webhook-timestamp": String(req.headers["webhook-timestamp"]), "webhook-signature": String(req.headers["webhook-signature"]) };
    expect(() => new Webhook(f.secret).verify("", headers)).not.toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify("", headers)).toThrow();
    // The webhook-id is the check's id in the history.
    const [check] = await db().select().from(integrationHealthChecks).where(eq(integrationHealthChecks.integrationId, f.integration.id));
    expect(check.id).toBe(headers["webhook-id"]);
    expect(check).toMatchObject({ healthy: true, httpStatus: 200, error: null, status: "active" });
  });

  it("counts a timeout, a refused connection and a redirect as failures", async () => {
    const now = new Date("2031-03-04T10:00:00.000Z");
    const hang = await installedIntegration(db(), { healthCheckUrl: `${server.base}/hang/1`, nextAt: now });
    const redirect = await installedIntegration(db(), { healthCheckUrl: `${server.base}/redirect/1`, nextAt: now });
    const refused = await installedIntegration(db(), { healthCheckUrl: "http://127.0.0.1:9/health", nextAt: now });
    const started = Date.now();
    expect(await run(now, { timeoutMs: 300 })).toMatchObject({ checked: 3, unhealthy: 3 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const checks = await db()
      .select()
      .from(integrationHealthChecks)
      .where(inArray(integrationHealthChecks.integrationId, [hang.integration.id, redirect.integration.id, refused.integration.id]));
    const by = (id: string) => checks.find((c) => c.integrationId === id)!;
    expect(by(hang.integration.id)).toMatchObject({ healthy: false, httpStatus: null, error: "timeout after 300 ms" });
    expect(by(hang.integration.id).latencyMs).toBeGreaterThanOrEqual(290);
    expect(by(redirect.integration.id)).toMatchObject({ healthy: false, httpStatus: 302, error: expect.stringContaining("redirects are not followed") });
    expect(by(refused.integration.id)).toMatchObject({ healthy: false, httpStatus: null, error: expect.stringContaining("ECONNREFUSED") });
    expect(server.to("/ok").filter((r) => r.path === "/ok")).toHaveLength(0);
    for (const f of [hang, redirect, refused]) expect(await stateOf(f.integration.id)).toMatchObject({ status: "active", consecutiveFailures: 1 });
  });

  it("refuses private addresses unless they are allowed", async () => {
    const now = new Date("2031-03-05T10:00:00.000Z");
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "false";
    resetConfigForTests();
    try {
      const f = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/private`, nextAt: now });
      await run(now);
      expect(server.to("/ok/private")).toHaveLength(0);
      const [check] = await db().select().from(integrationHealthChecks).where(eq(integrationHealthChecks.integrationId, f.integration.id));
      expect(check).toMatchObject({ healthy: false, httpStatus: null, error: expect.stringMatching(/https/) });
    } finally {
      delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
      resetConfigForTests();
    }
  });

  it("checks active, degraded and failed integrations only, and only when the live version has a URL", async () => {
    const now = new Date("2031-03-06T10:00:00.000Z");
    const checked = await Promise.all(
      (["active", "degraded", "failed"] as const).map((status) => installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/eligible-${status}`, status, nextAt: now })),
    );
    const skipped = [
      await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/skip-pending`, status: "pending", nextAt: now }),
      await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/skip-disconnected`, status: "disconnected", nextAt: now }),
      await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/skip-uninstalled`, status: "active", uninstalled: true, nextAt: now }),
      await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/skip-unpublished`, status: "active", noLiveVersion: true, nextAt: now }),
      await installedIntegration(db(), { healthCheckUrl: null, status: "active", nextAt: now }),
    ];
    expect(await run(now)).toMatchObject({ checked: 3, healthy: 3 });
    for (const status of ["active", "degraded", "failed"]) expect(server.to(`/ok/eligible-${status}`)).toHaveLength(1);
    expect(server.to("/ok/skip")).toEqual([]);
    for (const f of checked) expect(await stateOf(f.integration.id)).toMatchObject({ status: "active", lastHealthStatus: "HTTP 200" });
    for (const f of skipped) {
      const row = await stateOf(f.integration.id);
      expect(row.lastHealthCheckAt).toBeNull();
      expect(row.status).toBe(f.integration.status);
    }
  });

  it("spreads checks over the 5 minutes by each integration's phase, and checks each once per 5 minutes", async () => {
    const t0 = new Date("2031-03-07T10:00:00.000Z");
    // Activated at t0, as the install flow does it: due at t0 + the phase derived from the id.
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const all = await Promise.all(ids.map((id, i) => installedIntegration(db(), { id, healthCheckUrl: `${server.base}/ok/spread-${i}/`, nextAt: plus(t0, healthPhase(id)) })));
    const firstDue = all.map((f) => f.integration.healthCheckNextAt!.getTime());
    expect(new Set(firstDue).size).toBe(all.length);

    // Ticks at t0 … t0 + 15 min: three checks each, one per window, at the first tick at or after its phase.
    const perTick: number[] = [];
    for (let m = 0; m <= 15; m++) perTick.push((await run(plus(t0, m * MIN))).checked);
    expect(perTick.reduce((a, b) => a + b, 0)).toBe(all.length * 3);
    expect(perTick.slice(1, 6)).toEqual(perTick.slice(6, 11));
    // Spread: no single tick takes them all (12 phases over 5 one-minute ticks).
    expect(Math.max(...perTick)).toBeLessThan(all.length);
    for (const [i, f] of all.entries()) {
      const hits = server.to(`/ok/spread-${i}/`).map((r) => r.at);
      expect(hits).toHaveLength(3);
      // Still at its phase: moved on by whole 5-minute steps.
      const row = await stateOf(f.integration.id);
      expect((row.healthCheckNextAt!.getTime() - t0.getTime()) % HEALTH_CHECK_EVERY_MS).toBe(healthPhase(f.integration.id));
      expect(row.healthCheckNextAt!.getTime()).toBeGreaterThan(plus(t0, 15 * MIN).getTime());
    }
    // Which tick checked which: minute m (1 to 4) takes those whose phase falls in the minute before it.
    for (let m = 1; m <= 4; m++) expect(perTick[m]).toBe(ids.filter((id) => Math.ceil(healthPhase(id) / MIN) === m).length);
  });

  it("checks a backlog once after downtime, then keeps the phase", async () => {
    const t0 = new Date("2031-03-07T12:00:00.000Z");
    const id = randomUUID();
    const f = await installedIntegration(db(), { id, healthCheckUrl: `${server.base}/ok/backlog`, nextAt: plus(t0, healthPhase(id)) });
    // Down for an hour: twelve windows missed, one check.
    expect((await run(plus(t0, 61 * MIN))).checked).toBe(1);
    const row = await stateOf(f.integration.id);
    const next = row.healthCheckNextAt!;
    // Back in phase: its next turn is the first one after now, within 5 minutes.
    expect((next.getTime() - t0.getTime()) % HEALTH_CHECK_EVERY_MS).toBe(healthPhase(id));
    expect(next.getTime()).toBeGreaterThan(plus(t0, 61 * MIN).getTime());
    expect(next.getTime()).toBeLessThanOrEqual(plus(t0, 66 * MIN).getTime());
    expect((await run(new Date(next.getTime() - 1))).checked).toBe(0);
    expect((await run(next)).checked).toBe(1);
    expect(server.to("/ok/backlog")).toHaveLength(2);
  });

  it("leaves an integration without a scheduled check alone (never activated, or the demo's)", async () => {
    const now = new Date("2031-03-07T14:00:00.000Z");
    await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/unscheduled`, nextAt: null });
    expect((await run(now)).checked).toBe(0);
    expect(server.to("/ok/unscheduled")).toEqual([]);
  });

  it("keeps the number of calls in flight bounded", async () => {
    const now = new Date("2031-03-08T10:00:00.000Z");
    await Promise.all(Array.from({ length: 6 }, (_, i) => installedIntegration(db(), { healthCheckUrl: `${server.base}/slow/${i}`, nextAt: now })));
    server.stats.maxInFlight = 0;
    expect(await run(now, { concurrency: 2 })).toMatchObject({ checked: 6, healthy: 6 });
    expect(server.stats.maxInFlight).toBe(2);
  });

  it("never checks one integration twice when two runs claim at once", async () => {
    const now = new Date("2031-03-09T10:00:00.000Z");
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/race-${i}`, nextAt: now })));
    const [a, b] = await Promise.all([run(now, { batch: 3 }), run(now, { batch: 3 })]);
    expect(a.checked + b.checked).toBe(many.length);
    for (let i = 0; i < many.length; i++) expect(server.to(`/ok/race-${i}`)).toHaveLength(1);
  });
});

describe("health check retention", () => {
  it("deletes checks older than 30 days only", async () => {
    // Before the other tests' checks: only these can be old enough.
    const now = new Date("2031-03-01T00:00:00.000Z");
    const f = await installedIntegration(db(), { healthCheckUrl: `${server.base}/ok/retention` });
    const day = 86_400_000;
    const ages = { old: 31 * day, justOver: 30 * day + 60_000, justUnder: 30 * day - 60_000, recent: 29 * day };
    await db()
      .insert(integrationHealthChecks)
      .values(Object.values(ages).map((age) => ({ integrationId: f.integration.id, checkedAt: new Date(now.getTime() - age), healthy: true, latencyMs: 5, status: "active" })));
    expect(await pruneHealthChecks(db(), now)).toEqual({ deleted: 2 });
    const left = await db().select({ checkedAt: integrationHealthChecks.checkedAt }).from(integrationHealthChecks).where(eq(integrationHealthChecks.integrationId, f.integration.id));
    expect(left.map((r) => now.getTime() - r.checkedAt.getTime()).sort((x, y) => x - y)).toEqual([ages.recent, ages.justUnder]);
  });
});
