import { randomBytes } from "node:crypto";
import { and, eq, isNotNull } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as replayRoute from "@/app/api/v1/events/replay/route";
import * as replayJobRoute from "@/app/api/v1/events/replay/[id]/route";
import * as retryRoute from "@/app/api/v1/webhooks/deliveries/[id]/retry/route";
import * as endpointRoute from "@/app/api/v1/webhooks/endpoints/[id]/route";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as rotateRoute from "@/app/api/v1/webhooks/endpoints/[id]/rotate-secret/route";
import * as secretRoute from "@/app/api/v1/webhooks/endpoints/[id]/secret/route";
import * as testRoute from "@/app/api/v1/webhooks/endpoints/[id]/test/route";
import { applications, events, integrations, webhookAttempts, webhookDeliveries, webhookReplayJobs } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { EmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { callRoute } from "@/lib/testing/call-route";
import { createAccountWithMember, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { signatureHeaders, startWebhookReceiver, type ReceiverReply } from "@/lib/testing/webhook-receiver";
import { attemptDelivery } from "./attempt-delivery";
import { recordOutcomes } from "./record-outcomes";
import { processReplayJobs } from "./replay-events";

const db = useTestDb();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** What each path answers (default 200). */
const replies = new Map<string, ReceiverReply>();

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  receiver.setReply((_n, req) => replies.get(req.url) ?? { status: 200 });
});
afterAll(() => receiver.close());

const ENV_KEYS = ["WEBHOOK_MAX_RETRIES", "WEBHOOK_RETRY_DELAYS"] as const;
const envBefore = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const k of ENV_KEYS) {
    if (envBefore[k] === undefined) delete process.env[k];
    else process.env[k] = envBefore[k];
  }
  resetConfigForTests();
});

const lead = {
  leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10",
  source: "web",
  lineOfBusiness: "auto",
  contact: { name: "Dana" },
  createdAt: "2026-11-01T09:30:00.000Z",
};

const uniqPath = (name: string) => `/${name}-${randomBytes(4).toString("hex")}`;

async function partner() {
  const { partner, user } = await createPartnerWithMember(db());
  return { partner, cookie: await sessionCookie(user.id) };
}

async function endpoint(cookie: string, path: string, eventTypes: string[] = ["lead.*"]) {
  const created = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: `${receiver.base}${path}`, eventTypes } });
  expect(created.status, created.text).toBe(201);
  return created.body as { id: string; secret: string };
}

let adminCookie = "";
async function admin() {
  if (!adminCookie) adminCookie = await sessionCookie((await createUser(db(), { admin: true })).id);
  return adminCookie;
}

async function publish(body: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie: await admin(), body: { type: "lead.created", data: lead, ...body }, headers });
  expect(res.status, res.text).toBe(202);
  return res.body as { id: string; deliveries: number };
}

const deliveriesOf = (eventId: string) => db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
const deliveryById = async (id: string) => (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0];


describe("webhooks: delivery behaviour", () => {
  it("deleting an endpoint removes its deliveries and their attempts; an outcome recorded for a delivery gone meanwhile leaves no attempt", async () => {
    const { partner: p, cookie } = await partner();
    const ep = await endpoint(cookie, uniqPath("deleted"));
    const kept = await endpoint(cookie, uniqPath("kept"));
    const ev = await publish({ partnerId: p.id });
    const ds = await deliveriesOf(ev.id);
    expect(ds).toHaveLength(2);
    for (const d of ds) expect((await attemptDelivery(db(), d.id)).kind).toBe("succeeded");
    const mine = ds.find((d) => d.endpointId === ep.id)!;
    const other = ds.find((d) => d.endpointId === kept.id)!;
    expect(await db().$count(webhookAttempts, eq(webhookAttempts.deliveryId, mine.id))).toBe(1);

    const deleted = await callRoute(endpointRoute.DELETE, { path: `/api/v1/webhooks/endpoints/${ep.id}`, params: { id: ep.id }, cookie });
    expect(deleted.status, deleted.text).toBe(204);
    expect(await deliveryById(mine.id)).toBeUndefined();
    expect(await db().$count(webhookAttempts, eq(webhookAttempts.deliveryId, mine.id))).toBe(0);
    // The other endpoint's history is untouched.
    expect(await db().$count(webhookAttempts, eq(webhookAttempts.deliveryId, other.id))).toBe(1);

    // An attempt that finished after its endpoint was deleted: nothing to attach it to, nothing written.
    await recordOutcomes(db(), [
      {
        deliveryId: mine.id,
        endpointId: ep.id,
        attempt: 2,
        startedAt: new Date(),
        finishedAt: new Date(),
        requestHeaders: {},
        result: { status: 200, headers: {}, body: "", durationMs: 1, error: null, retryAfterSeconds: null },
        outcome: { status: "succeeded", nextAttemptAt: null, gone: false },
      },
    ]);
    expect(await db().$count(webhookAttempts, eq(webhookAttempts.deliveryId, mine.id))).toBe(0);
  });

  it("during a secret rotation signs with both secrets, and each verifies on its own", async () => {
    const { partner: p, cookie } = await partner();
    const path = uniqPath("rotate");
    const ep = await endpoint(cookie, path);
    const oldSecret = ep.secret;
    const rotated = await callRoute(rotateRoute.POST, { path: `/api/v1/webhooks/endpoints/${ep.id}/rotate-secret`, params: { id: ep.id }, cookie });
    expect(rotated.status, rotated.text).toBeLessThan(300);
    const newSecret = rotated.body.secret as string;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(oldSecret);
    const revealed = await callRoute(secretRoute.GET, { path: `/api/v1/webhooks/endpoints/${ep.id}/secret`, params: { id: ep.id }, cookie });
    expect(revealed.body).toMatchObject({ secret: newSecret, previousSecret: oldSecret });

    const ev = await publish({ partnerId: p.id });
    const [d] = await deliveriesOf(ev.id);
    expect((await attemptDelivery(db(), d.id)).kind).toBe("succeeded");
    const [got] = receiver.to(path);
    const sig = String(got.headers["webhook-signature"]);
    expect(sig.split(" ")).toHaveLength(2);
    expect(sig.split(" ").every((s) => s.startsWith("v1,"))).toBe(true);
    for (const secret of [oldSecret, newSecret]) {
      const payload = new Webhook(secret).verify(got.body, signatureHeaders(got.headers)) as { id: string; type: string };
      expect(payload).toMatchObject({ id: ev.id, type: "lead.created" });
    }
    // A secret that is neither does not verify.
    const stranger = `whsec_${randomBytes(24).toString("base64")}`;
    expect(() => new Webhook(stranger).verify(got.body, signatureHeaders(got.headers))).toThrow();
  });

  it("a receiver that never answers times out: the attempt fails with the error recorded", async () => {
    const { partner: p, cookie } = await partner();
    const path = uniqPath("hang");
    replies.set(path, { status: 200, hang: true });
    await endpoint(cookie, path);
    const ev = await publish({ partnerId: p.id });
    const [d] = await deliveriesOf(ev.id);
    const started = Date.now();
    const outcome = await attemptDelivery(db(), d.id, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.kind).toBe("retry");
    const row = await deliveryById(d.id);
    expect(row.status).toBe("failed");
    expect(row.lastResponseStatus).toBeNull();
    expect(row.lastError).toMatch(/timeout/i);
    const [attempt] = await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, d.id));
    expect(attempt.responseStatus).toBeNull();
    expect(attempt.error).toMatch(/timeout/i);
  });

  it("honours Retry-After on a 429: the next attempt is no sooner than asked", async () => {
    const { partner: p, cookie } = await partner();
    const path = uniqPath("busy");
    replies.set(path, { status: 429, headers: { "retry-after": "3600" } });
    await endpoint(cookie, path);
    const ev = await publish({ partnerId: p.id });
    const [d] = await deliveriesOf(ev.id);
    const before = Date.now();
    const outcome = await attemptDelivery(db(), d.id);
    expect(outcome.kind).toBe("retry");
    const row = await deliveryById(d.id);
    expect(row.status).toBe("failed");
    expect(row.lastResponseStatus).toBe(429);
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 3600_000);
  });

  it("a dead delivery retried by hand (POST /webhooks/deliveries/{id}/retry) is delivered", async () => {
    process.env.WEBHOOK_MAX_RETRIES = "1";
    resetConfigForTests();
    const { partner: p, cookie } = await partner();
    const path = uniqPath("dlq");
    replies.set(path, { status: 500 });
    await endpoint(cookie, path);
    const ev = await publish({ partnerId: p.id });
    const [d] = await deliveriesOf(ev.id);
    expect((await attemptDelivery(db(), d.id)).kind).toBe("dead");
    expect((await deliveryById(d.id)).status).toBe("dead");

    replies.set(path, { status: 200 });
    const retried = await callRoute(retryRoute.POST, { path: `/api/v1/webhooks/deliveries/${d.id}/retry`, params: { id: d.id }, cookie });
    expect(retried.status, retried.text).toBeLessThan(300);
    expect(retried.body).toMatchObject({ id: d.id, status: "pending" });
    const outcome = await attemptDelivery(db(), d.id);
    expect(outcome).toMatchObject({ kind: "succeeded", attempt: 2 });
    const row = await deliveryById(d.id);
    expect(row.status).toBe("succeeded");
    expect(receiver.to(path)).toHaveLength(2);
  });

  it("send test event: a delivery marked isTest reaches the receiver", async () => {
    const { cookie } = await partner();
    const path = uniqPath("test");
    const ep = await endpoint(cookie, path, ["lead.created"]);
    const sent = await callRoute(testRoute.POST, { path: `/api/v1/webhooks/endpoints/${ep.id}/test`, params: { id: ep.id }, cookie, body: {} });
    expect(sent.status, sent.text).toBe(202);
    expect(sent.body.delivery).toMatchObject({ endpointId: ep.id, isTest: true, eventType: "lead.created" });
    const outcome = await attemptDelivery(db(), sent.body.delivery.id);
    expect(outcome.kind).toBe("succeeded");
    const [got] = receiver.to(path);
    const payload = new Webhook(ep.secret).verify(got.body, signatureHeaders(got.headers)) as { type: string; data: { test?: boolean } };
    expect(payload.type).toBe("lead.created");
    expect(payload.data.test).toBe(true);
    expect((await deliveryById(sent.body.delivery.id)).isTest).toBe(true);
  });

  it("replay: a job for a time range redelivers each event in it, once", async () => {
    const { partner: p, cookie } = await partner();
    const path = uniqPath("replay");
    const ep = await endpoint(cookie, path);
    const from = new Date(Date.now() - 1000).toISOString();
    const published = [];
    for (let i = 0; i < 3; i++) published.push(await publish({ partnerId: p.id }));
    const to = new Date(Date.now() + 1000).toISOString();

    const requested = await callRoute(replayRoute.POST, { path: "/api/v1/events/replay", cookie, body: { endpointId: ep.id, from, to } });
    expect(requested.status, requested.text).toBe(202);
    expect(requested.body).toMatchObject({ status: "pending", total: 3 });
    const jobId = requested.body.id as string;

    const runner = new EmbeddedRunner(async () => db(), { pollMs: 20 });
    for (let i = 0; i < 3; i++) await runner.tick();
    await runner.stop();

    const job = await callRoute(replayJobRoute.GET, { path: `/api/v1/events/replay/${jobId}`, params: { id: jobId }, cookie });
    expect(job.status, job.text).toBe(200);
    expect(job.body).toMatchObject({ id: jobId, status: "succeeded", total: 3, processed: 3 });
    const replayed = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.replayJobId, jobId));
    expect(replayed).toHaveLength(3);
    expect(replayed.map((r) => r.eventId).sort()).toEqual(published.map((e) => e.id).sort());
    expect(replayed.every((r) => r.endpointId === ep.id)).toBe(true);
  });

  it("replay: a page repeated after a crash (cursor not yet saved) creates no second delivery, and the job still finishes", async () => {
    const { partner: p, cookie } = await partner();
    const ep = await endpoint(cookie, uniqPath("replay-resume"));
    const from = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 2; i++) await publish({ partnerId: p.id });
    const to = new Date(Date.now() + 1000).toISOString();
    const requested = await callRoute(replayRoute.POST, { path: "/api/v1/events/replay", cookie, body: { endpointId: ep.id, from, to } });
    const jobId = requested.body.id as string;
    await processReplayJobs(db());
    // As if the process died after inserting the page but before saving its progress.
    await db().update(webhookReplayJobs).set({ status: "running", cursor: null, processed: 0 }).where(eq(webhookReplayJobs.id, jobId));
    await processReplayJobs(db());
    const [job] = await db().select().from(webhookReplayJobs).where(eq(webhookReplayJobs.id, jobId));
    expect(job.status).toBe("succeeded");
    expect(await db().$count(webhookDeliveries, eq(webhookDeliveries.replayJobId, jobId))).toBe(2);
  });
});

describe("webhooks: fan-out", () => {
  it("wildcard subscriptions (lead.*, *) match; other types create no delivery", async () => {
    const { partner: p, cookie } = await partner();
    const area = await endpoint(cookie, uniqPath("area"), ["lead.*"]);
    const all = await endpoint(cookie, uniqPath("all"), ["*"]);
    const exact = await endpoint(cookie, uniqPath("exact"), ["lead.created"]);
    const other = await endpoint(cookie, uniqPath("other"), ["policy.*", "lead.updated"]);
    const ev = await publish({ partnerId: p.id });
    expect(ev.deliveries).toBe(3);
    const got = (await deliveriesOf(ev.id)).map((d) => d.endpointId).sort();
    expect(got).toEqual([area.id, all.id, exact.id].sort());
    expect(got).not.toContain(other.id);
  });

  it("an account event fans out to partners with an active integration for that account only", async () => {
    const { account } = await createAccountWithMember(db());
    const installed = await partner();
    const installedEp = await endpoint(installed.cookie, uniqPath("acct"));
    const uninstalled = await partner();
    await endpoint(uninstalled.cookie, uniqPath("acct-other"));
    const pendingOnly = await partner();
    await endpoint(pendingOnly.cookie, uniqPath("acct-pending"));

    for (const [p, status] of [
      [installed.partner, "active"],
      [pendingOnly.partner, "pending"],
    ] as const) {
      const [app] = await db()
        .insert(applications)
        .values({ partnerId: p.id, name: "App", slug: `app-${randomBytes(4).toString("hex")}` })
        .returning();
      await db().insert(integrations).values({ accountId: account.id, applicationId: app.id, partnerId: p.id, status });
    }

    const ev = await publish({ accountId: account.id });
    expect(ev.deliveries).toBe(1);
    const [d] = await deliveriesOf(ev.id);
    expect(d.endpointId).toBe(installedEp.id);
    expect(d.partnerId).toBe(installed.partner.id);
  });

  it("an event with neither partnerId nor accountId is stored with no deliveries", async () => {
    const ev = await publish({});
    expect(ev.deliveries).toBe(0);
    const [row] = await db().select().from(events).where(eq(events.id, ev.id));
    expect(row).toMatchObject({ type: "lead.created", partnerId: null, accountId: null });
    expect(await deliveriesOf(ev.id)).toHaveLength(0);
  });

  it("Idempotency-Key on POST /events: the repeat answers with the same event, stored once", async () => {
    const { partner: p, cookie } = await partner();
    await endpoint(cookie, uniqPath("idem"));
    const key = `idem-${randomBytes(6).toString("hex")}`;
    const first = await publish({ partnerId: p.id }, { "idempotency-key": key });
    const second = await publish({ partnerId: p.id }, { "idempotency-key": key });
    expect(second.id).toBe(first.id);
    expect(second.deliveries).toBe(first.deliveries);
    const rows = await db().select().from(events).where(and(eq(events.idempotencyKey, key), isNotNull(events.idempotencyKey)));
    expect(rows).toHaveLength(1);
    expect(await deliveriesOf(first.id)).toHaveLength(1);
  });
});
