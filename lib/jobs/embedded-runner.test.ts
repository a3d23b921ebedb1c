import { eq, inArray } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as deliveryRoute from "@/app/api/v1/webhooks/deliveries/[id]/route";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as secretRoute from "@/app/api/v1/webhooks/endpoints/[id]/secret/route";
import type { Db } from "@/db";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { loadDeliveryJobs } from "@/lib/webhooks/attempt-delivery";
import { publishEvent } from "@/lib/events/publish-event";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { signatureHeaders, startWebhookReceiver, waitUntil } from "@/lib/testing/webhook-receiver";
import { EmbeddedRunner } from "./embedded-runner";
import { localTaker } from "./notify";

// The embedded runner's hand-off from publishers in the same process, its
// sender thread, and the safety nets around them, against a real receiver.

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
  receiver.setReply(() => ({ status: 200 }));
});

const lead = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "web", lineOfBusiness: "auto", contact: { name: "Dana" }, createdAt: "2026-11-01T09:30:00.000Z" };

async function partnerWithEndpoint(path: string) {
  const { partner, user } = await createPartnerWithMember(db());
  const cookie = await sessionCookie(user.id);
  const created = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: `${receiver.base}${path}`, eventTypes: ["lead.*"] } });
  expect(created.status, created.text).toBe(201);
  return { cookie, partnerId: partner.id, endpoint: created.body as { id: string; secret: string } };
}

async function publish(cookie: string) {
  const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie, body: { type: "lead.created", data: lead } });
  expect(res.status, res.text).toBe(202);
  const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, res.body.id));
  return { eventId: res.body.id as string, delivery };
}

/** A runner that only claims at start and then once a minute: anything it sends sooner came by hand-off. */
function startRunner(opts: { senderThread?: boolean } = {}) {
  runner = new EmbeddedRunner(async () => db(), { pollMs: 60_000, ...opts });
  runner.start();
  return runner;
}

describe("hand-off from the publisher to the runner of the same process", () => {
  it("creates the deliveries already claimed and sends them without waiting for a claim", async () => {
    const { cookie } = await partnerWithEndpoint("/handoff");
    startRunner();
    expect(localTaker(), "the runner takes hand-offs").not.toBeNull();
    const { delivery } = await publish(cookie);
    expect(delivery.lockedUntil, "created claimed by this process").not.toBeNull();
    expect(await waitUntil(() => receiver.to("/handoff").length === 1, 5000)).toBe(true);
    expect(await waitUntil(async () => (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id)))[0].status === "succeeded", 5000)).toBe(true);
    const [after] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after.lockedUntil).toBeNull();
  });

  it("without a runner in the process, leaves the deliveries unclaimed for any worker", async () => {
    const { cookie } = await partnerWithEndpoint("/no-runner");
    startRunner();
    await runner!.stop();
    expect(localTaker()).toBeNull();
    const { delivery } = await publish(cookie);
    expect(delivery.lockedUntil).toBeNull();
    expect(delivery.status).toBe("pending");
  });

  it("never hands off from inside a caller's transaction: a rolled-back publish sends nothing", async () => {
    const { partnerId } = await partnerWithEndpoint("/in-tx");
    startRunner();
    expect(localTaker(), "the runner takes hand-offs").not.toBeNull();
    let eventId = "";
    const rolledBack = await db()
      .transaction(async (tx) => {
        eventId = (await publishEvent(tx as unknown as Db, null, { type: "lead.created", data: lead, partnerId })).id;
        throw new Error("the caller fails after publishing");
      })
      .catch((err: Error) => err.message);
    expect(rolledBack).toBe("the caller fails after publishing");
    expect(eventId).not.toBe("");
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.to("/in-tx")).toHaveLength(0);
    // The runner was live all along: the same publish outside a transaction is sent.
    await publishEvent(db(), null, { type: "lead.created", data: lead, partnerId });
    expect(await waitUntil(() => receiver.to("/in-tx").length === 1, 5000)).toBe(true);
  });

  it("gives back a job that waited so long its claim could lapse, instead of sending it", async () => {
    const { cookie } = await partnerWithEndpoint("/stale");
    const r = startRunner();
    expect(localTaker(), "the runner takes hand-offs").not.toBeNull();
    await r.stop();
    // Created claimed (as a hand-off would), then queued as if taken 2 minutes ago.
    const { delivery } = await publish(cookie);
    await db().update(webhookDeliveries).set({ lockedUntil: new Date(Date.now() + 60_000) }).where(eq(webhookDeliveries.id, delivery.id));
    const stale = new EmbeddedRunner(async () => db(), { pollMs: 60_000 });
    runner = stale;
    stale.start();
    const [job] = await (await import("@/lib/webhooks/attempt-delivery")).loadDeliveryJobs(db(), [delivery.id]);
    expect(stale.take([{ ...job, claimedAt: Date.now() - 120_000 }])).toBe(true);
    expect(await waitUntil(async () => (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id)))[0].lockedUntil === null, 3000)).toBe(true);
    expect(receiver.to("/stale")).toHaveLength(0);
  });
});

describe("sharing slots between endpoints", () => {
  it("serves endpoints with work waiting in turn, not one endpoint's whole queue first", async () => {
    const { cookie } = await partnerWithEndpoint("/rr-a");
    const second = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: `${receiver.base}/rr-b`, eventTypes: ["lead.*"] } });
    expect(second.status, second.text).toBe(201);
    expect(localTaker()).toBeNull();
    for (let i = 0; i < 5; i++) await publish(cookie); // 5 deliveries per endpoint, all due
    receiver.setReply(() => ({ status: 200, delayMs: 10 }));
    // One slot: the order of arrival is the order the runner chose.
    runner = new EmbeddedRunner(async () => db(), { pollMs: 60_000, concurrency: 1 });
    runner.start();
    const order = () => receiver.received.filter((r) => r.url.startsWith("/rr-")).map((r) => r.url);
    expect(await waitUntil(() => order().length === 10, 5000)).toBe(true);
    const firstSix = order().slice(0, 6);
    expect(firstSix.filter((u) => u === "/rr-a")).toHaveLength(3);
    expect(firstSix.filter((u) => u === "/rr-b")).toHaveLength(3);
  });
});

describe("stale jobs behind a busy endpoint", () => {
  it("a job queued behind an endpoint at its limit is given back once stale, while the endpoint's attempt still hangs", async () => {
    const { cookie, endpoint } = await partnerWithEndpoint("/busy");
    await db().update(webhookEndpoints).set({ maxConcurrency: 1 }).where(eq(webhookEndpoints.id, endpoint.id));
    // Published with no runner, then held as if claimed by this process long ago.
    const { delivery: stale } = await publish(cookie);
    await db().update(webhookDeliveries).set({ lockedUntil: new Date(Date.now() + 60_000) }).where(eq(webhookDeliveries.id, stale.id));
    process.env.WEBHOOK_TIMEOUT_MS = "3000";
    resetConfigForTests();
    receiver.setReply(() => ({ status: 200, hang: true }));
    try {
      const r = new EmbeddedRunner(async () => db(), { pollMs: 50 });
      runner = r;
      r.start();
      await publish(cookie); // handed off and sent: it takes the endpoint's only slot
      expect(await waitUntil(() => receiver.to("/busy").length === 1, 3000)).toBe(true);
      const [job] = await loadDeliveryJobs(db(), [stale.id]);
      expect(r.take([{ ...job, claimedAt: Date.now() - 120_000 }])).toBe(true);
      const released = async () => (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, stale.id)))[0].lockedUntil === null;
      expect(await waitUntil(released, 2500)).toBe(true);
      expect(receiver.to("/busy")).toHaveLength(1);
    } finally {
      await runner?.stop();
      runner = null;
      delete process.env.WEBHOOK_TIMEOUT_MS;
      resetConfigForTests();
    }
  });
});

describe("stopping", () => {
  it("finishes the attempts under way, starts no more, and hands back what was still queued", async () => {
    const { cookie } = await partnerWithEndpoint("/stopping");
    receiver.setReply(() => ({ status: 200, delayMs: 300 }));
    const r = new EmbeddedRunner(async () => db(), { pollMs: 60_000, concurrency: 1 });
    runner = r;
    r.start();
    expect(localTaker(), "the runner takes hand-offs").not.toBeNull();
    const published = [await publish(cookie), await publish(cookie), await publish(cookie)];
    expect(await waitUntil(() => receiver.to("/stopping").length === 1, 3000)).toBe(true);
    await r.stop();
    runner = null;
    await new Promise((done) => setTimeout(done, 400));
    expect(receiver.to("/stopping")).toHaveLength(1);
    const rows = await db().select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, published.map((p) => p.delivery.id)));
    expect(rows.filter((d) => d.status === "succeeded")).toHaveLength(1);
    expect(rows.filter((d) => d.status === "pending" && d.lockedUntil === null)).toHaveLength(2);
  });
});

describe("stopping mid-pass", () => {
  it("a pass under way when stop() is called claims nothing after it, so nothing is left locked", async () => {
    const { cookie } = await partnerWithEndpoint("/mid-pass");
    expect(localTaker()).toBeNull();
    const { delivery } = await publish(cookie); // unclaimed and due: what a pass would claim
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    // The runner's first pass waits for its database until the gate opens.
    const r = new EmbeddedRunner(async () => (await gate, db()), { pollMs: 60_000 });
    r.start();
    const stopped = r.stop();
    open();
    await stopped;
    await new Promise((done) => setTimeout(done, 200));
    const [row] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(row).toMatchObject({ status: "pending", lockedUntil: null });
    expect(receiver.to("/mid-pass")).toHaveLength(0);
  });
});

describe("starting again while a stop is under way", () => {
  it("the pending stop() still ends, and the runner started again delivers", async () => {
    const { cookie } = await partnerWithEndpoint("/restart");
    const r = new EmbeddedRunner(async () => db(), { pollMs: 50 });
    runner = r;
    r.start();
    const stopping = r.stop();
    r.start();
    const ended = await Promise.race([stopping.then(() => true), new Promise((done) => setTimeout(() => done(false), 3000))]);
    expect(ended, "the first stop() ended").toBe(true);
    expect(localTaker(), "the restarted runner takes hand-offs").not.toBeNull();
    await publish(cookie);
    expect(await waitUntil(() => receiver.to("/restart").length === 1, 5000)).toBe(true);
  });
});

describe("the sender thread", () => {
  it("signs and sends off the main thread: the receiver verifies the signature with the endpoint's secret", async () => {
    const { cookie, endpoint } = await partnerWithEndpoint("/thread");
    startRunner({ senderThread: true });
    expect(localTaker(), "the runner takes hand-offs").not.toBeNull();
    const { eventId } = await publish(cookie);
    expect(await waitUntil(() => receiver.to("/thread").length === 1, 10_000)).toBe(true);
    const got = receiver.to("/thread")[0];
    const { secret } = (await callRoute(secretRoute.GET, { path: `/api/v1/webhooks/endpoints/${endpoint.id}/secret`, params: { id: endpoint.id }, cookie })).body;
    const payload = new Webhook(secret).verify(got.body, signatureHeaders(got.headers)) as { id: string; data: unknown };
    expect(payload.id).toBe(eventId);
    expect(payload.data).toEqual(lead);
  });
});

describe("recording attempts", () => {
  it("records a response body holding NUL bytes (which Postgres text refuses) without losing the batch", async () => {
    const { cookie } = await partnerWithEndpoint("/nul");
    receiver.setReply(() => ({ status: 200, body: "before\u0000after" }));
    startRunner();
    expect(localTaker(), "the runner takes hand-offs").not.toBeNull();
    const { delivery } = await publish(cookie);
    expect(await waitUntil(async () => (await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id))).length === 1, 5000)).toBe(true);
    const [attempt] = await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id));
    expect(attempt.responseBody).toBe("before\uFFFDafter");
    const [after] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id));
    expect(after.status).toBe("succeeded");
  });

  it("shows each attempt's request body as sent, rebuilt from the event rather than stored per attempt", async () => {
    const { cookie } = await partnerWithEndpoint("/body");
    startRunner();
    expect(localTaker(), "the runner takes hand-offs").not.toBeNull();
    const { delivery } = await publish(cookie);
    expect(await waitUntil(() => receiver.to("/body").length === 1, 5000)).toBe(true);
    expect(await waitUntil(async () => (await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id))).length === 1, 5000)).toBe(true);
    const [stored] = await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery.id));
    expect(stored.requestBody).toBeNull();
    const detail = await callRoute(deliveryRoute.GET, { path: `/api/v1/webhooks/deliveries/${delivery.id}`, params: { id: delivery.id }, cookie });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.body.attemptsLog[0].requestBody).toBe(receiver.to("/body")[0].body);
  });
});
