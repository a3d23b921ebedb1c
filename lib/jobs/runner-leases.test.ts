import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import { jobRunners, webhookAttempts, webhookDeliveries } from "@/db/schema";
import { attemptDelivery } from "@/lib/webhooks/attempt-delivery";
import { findStrandedDeliveries } from "@/lib/webhooks/find-stranded-deliveries";
import { recordOutcomes } from "@/lib/webhooks/record-outcomes";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { startWebhookReceiver, waitUntil } from "@/lib/testing/webhook-receiver";
import { claimDueDeliveries } from "./claim-due-deliveries";
import { EmbeddedRunner } from "./embedded-runner";
import { declarePreviousRunnersDead, HEARTBEAT_EVERY_MS, leaseHeld, RUNNER_LEASE_MS } from "./runner-leases";

// A crashed server's claims are free as soon as its runner stops beating,
// not minutes later when they lapse; a live runner's claims stay its own.

const db = useTestDb();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let runner: EmbeddedRunner | null = null;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());
afterEach(async () => {
  await runner?.stop();
  runner = null;
});

const lead = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "web", lineOfBusiness: "auto", contact: { name: "Dana" }, createdAt: "2026-11-01T09:30:00.000Z" };

/** A delivery due now, held until long after the test by `runnerId`'s claim (no runner in this process: nobody sends it). */
async function heldDelivery(runnerId: string | null, dueAgoMs = 0) {
  const { user } = await createPartnerWithMember(db());
  const cookie = await sessionCookie(user.id);
  const created = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: `${receiver.base}/lease`, eventTypes: ["lead.*"] } });
  expect(created.status, created.text).toBe(201);
  const published = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie, body: { type: "lead.created", data: lead } });
  expect(published.status, published.text).toBe(202);
  const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, published.body.id));
  await db()
    .update(webhookDeliveries)
    .set({ lockedUntil: new Date(Date.now() + 10 * 60_000), lockedBy: runnerId, nextAttemptAt: new Date(Date.now() - dueAgoMs) })
    .where(eq(webhookDeliveries.id, d.id));
  return d.id;
}

async function runnerRow(heartbeatAgoMs: number) {
  const id = randomUUID();
  const now = Date.now();
  await db().insert(jobRunners).values({ id, host: "elsewhere", pid: 1, startedAt: new Date(now - 3_600_000), heartbeatAt: new Date(now - heartbeatAgoMs) });
  return id;
}

const claimedIds = async (runnerId: string) => (await claimDueDeliveries(db(), 500, { runnerId })).map((j) => j.deliveryId);
const row = async (id: string) => (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];

describe("claiming what another runner holds", () => {
  it("takes a delivery at once when its runner has been silent for longer than the lease, and holds it in its own name", async () => {
    const dead = await runnerRow(RUNNER_LEASE_MS + 1000);
    const id = await heldDelivery(dead);
    const mine = randomUUID();
    expect(await claimedIds(mine)).toContain(id);
    expect((await row(id)).lockedBy).toBe(mine);
  });

  it("leaves alone a delivery whose runner beat within the lease", async () => {
    const alive = await runnerRow(RUNNER_LEASE_MS - 10_000);
    const id = await heldDelivery(alive);
    expect(await claimedIds(randomUUID())).not.toContain(id);
    expect((await row(id)).lockedBy).toBe(alive);
  });

  it("leaves alone a claim by a runner with no row (not registered yet) or by no runner, until the claim lapses", async () => {
    const unregistered = await heldDelivery(randomUUID());
    const inngestStep = await heldDelivery(null);
    expect(await claimedIds(randomUUID())).not.toContain(unregistered);
    expect(await claimedIds(randomUUID())).not.toContain(inngestStep);
    await db().update(webhookDeliveries).set({ lockedUntil: new Date(Date.now() - 1) }).where(eq(webhookDeliveries.id, unregistered));
    expect(await claimedIds(randomUUID())).toContain(unregistered);
  });

  it("after declarePreviousRunnersDead (a PGlite server starting), every earlier runner's claims are free", async () => {
    const beating = await runnerRow(0);
    const id = await heldDelivery(beating);
    expect(await claimedIds(randomUUID())).not.toContain(id);
    await declarePreviousRunnersDead(db());
    expect(await claimedIds(randomUUID())).toContain(id);
  });

  it("the Inngest sweep and step see a dead runner's deliveries as stranded and attempt them; a live runner's they skip", async () => {
    const deadId = await heldDelivery(await runnerRow(RUNNER_LEASE_MS * 2), 5 * 60_000);
    const liveId = await heldDelivery(await runnerRow(1000), 5 * 60_000);
    const stranded = await findStrandedDeliveries(db());
    expect(stranded).toContain(deadId);
    expect(stranded).not.toContain(liveId);
    expect(await attemptDelivery(db(), liveId)).toMatchObject({ kind: "skipped" });
    expect(await attemptDelivery(db(), deadId)).toMatchObject({ kind: "succeeded", attempt: 1 });
  });
});

describe("a late result", () => {
  it("from a runner taken for dead does not overwrite what the delivery came to since", async () => {
    const id = await heldDelivery(await runnerRow(RUNNER_LEASE_MS * 2));
    expect(await attemptDelivery(db(), id)).toMatchObject({ kind: "succeeded", attempt: 1 });
    const now = new Date();
    await recordOutcomes(db(), [
      {
        deliveryId: id,
        endpointId: (await row(id)).endpointId,
        attempt: 1,
        startedAt: now,
        finishedAt: now,
        requestHeaders: {},
        result: { status: 500, headers: {}, body: "late", durationMs: 1, error: null, retryAfterSeconds: null },
        outcome: { status: "failed", nextAttemptAt: new Date(now.getTime() + 60_000), gone: false },
      },
    ]);
    expect(await row(id)).toMatchObject({ status: "succeeded", attempts: 1, lastResponseStatus: 200 });
    const attempts = await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, id));
    expect(attempts.map((a) => a.responseStatus)).toEqual([200]);
  });
});

describe("an embedded runner's own row", () => {
  const rowOf = async (id: string) => (await db().select().from(jobRunners).where(eq(jobRunners.id, id)))[0];
  const published = async (path: string) => {
    const { user } = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: `${receiver.base}/${path}`, eventTypes: ["lead.*"] } });
    const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie, body: { type: "lead.created", data: lead } });
    expect(res.status, res.text).toBe(202);
    return (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, res.body.id)))[0];
  };

  it("is written when it starts and renewed on every beat; what it is handed is claimed in its name", async () => {
    runner = new EmbeddedRunner(async () => db(), { pollMs: 60_000, heartbeatMs: 100 });
    runner.start();
    const id = runner.id;
    expect(await waitUntil(async () => (await rowOf(id)) !== undefined, 3000)).toBe(true);
    const first = await rowOf(id);
    expect(first).toMatchObject({ pid: process.pid });
    expect(await waitUntil(async () => (await rowOf(id)).heartbeatAt > first.heartbeatAt, 3000), "a later beat moves heartbeat_at").toBe(true);
    expect(Date.now() - (await rowOf(id)).heartbeatAt.getTime()).toBeLessThan(RUNNER_LEASE_MS);

    const d = await published("own");
    expect(d.lockedBy, "handed off at publish, claimed in the runner's name").toBe(id);
  });

  it("is marked silent when it stops, so a claim it could not give back is free at once; a new start registers a new name", async () => {
    runner = new EmbeddedRunner(async () => db(), { pollMs: 60_000 });
    runner.start();
    const firstId = runner.id;
    expect(await waitUntil(async () => (await rowOf(firstId)) !== undefined, 3000)).toBe(true);
    await runner.stop();
    expect(Date.now() - (await rowOf(firstId)).heartbeatAt.getTime()).toBeGreaterThan(RUNNER_LEASE_MS);
    const left = await heldDelivery(firstId);
    expect(await claimedIds(randomUUID())).toContain(left);

    runner.start();
    expect(runner.id).not.toBe(firstId);
    const secondId = runner.id;
    expect(await waitUntil(async () => (await rowOf(secondId)) !== undefined, 3000)).toBe(true);
    expect(Date.now() - (await rowOf(secondId)).heartbeatAt.getTime()).toBeLessThan(RUNNER_LEASE_MS);
  });

  it("sends nothing while its last beat is too old for its lease to be trusted, and resumes once it is fresh", async () => {
    // Only the first beat lands in time; then the clock (Date only) jumps past what leaseHeld allows.
    runner = new EmbeddedRunner(async () => db(), { pollMs: 50, heartbeatMs: 3_600_000 });
    runner.start();
    const id = runner.id;
    expect(await waitUntil(async () => (await rowOf(id)) !== undefined, 3000)).toBe(true);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + RUNNER_LEASE_MS - 2 * HEARTBEAT_EVERY_MS + 1000 });
    let d: typeof webhookDeliveries.$inferSelect;
    try {
      d = await published("no-lease");
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received.filter((r) => r.url === "/no-lease"), "nothing sent without a lease").toHaveLength(0);
      expect((await row(d.id)).lockedBy, "not handed to the runner").not.toBe(id);
    } finally {
      vi.useRealTimers();
    }
    // Published on the jumped clock, so due in the future; due now on the real one.
    await db().update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, d.id));
    expect(await waitUntil(async () => receiver.received.some((r) => r.url === "/no-lease"), 5000), "sent once the lease is good again").toBe(true);
  });
});

describe("forgetting runners", () => {
  it("a beat deletes rows silent for over an hour (their claims lapsed long ago) and keeps recently dead ones, which still free claims", async () => {
    const longGone = await runnerRow(2 * 3_600_000);
    const justDead = await runnerRow(RUNNER_LEASE_MS * 2);
    runner = new EmbeddedRunner(async () => db(), { pollMs: 60_000 });
    runner.start();
    const ids = async () => (await db().select({ id: jobRunners.id }).from(jobRunners)).map((r) => r.id);
    expect(await waitUntil(async () => !(await ids()).includes(longGone), 3000)).toBe(true);
    expect(await ids()).toContain(justDead);
  });
});

describe("leaseHeld", () => {
  it("trusts a lease up to two beats before it runs out, not after", () => {
    const now = 1_000_000;
    expect(leaseHeld(now, now)).toBe(true);
    expect(leaseHeld(now - (RUNNER_LEASE_MS - 2 * HEARTBEAT_EVERY_MS - 1), now)).toBe(true);
    expect(leaseHeld(now - (RUNNER_LEASE_MS - 2 * HEARTBEAT_EVERY_MS), now)).toBe(false);
  });
});
