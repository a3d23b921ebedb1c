import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import { auditLog, notifications, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { EmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { startWebhookReceiver, waitUntil } from "@/lib/testing/webhook-receiver";
import { attemptDelivery } from "./attempt-delivery";

const db = useTestDb();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

const lead = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "web", lineOfBusiness: "auto", contact: { name: "Dana" }, createdAt: "2026-11-01T09:30:00.000Z" };

async function setup(path: string) {
  const { partner, user } = await createPartnerWithMember(db());
  const created = await callRoute(endpointsRoute.POST, {
    path: "/api/v1/webhooks/endpoints",
    cookie: await sessionCookie(user.id),
    body: { url: `${receiver.base}${path}`, eventTypes: ["lead.*"] },
  });
  expect(created.status, created.text).toBe(201);
  const admin = await createUser(db(), { admin: true });
  const publish = async () => {
    const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie: await sessionCookie(admin.id), body: { type: "lead.created", data: lead, partnerId: partner.id } });
    expect(res.status, res.text).toBe(202);
    return res.body.id as string;
  };
  return { partner, user, endpointId: created.body.id as string, publish };
}

/** Runs `body` with a started runner and a short webhook timeout, then stops it and puts env and receiver back. */
async function withRunner(opts: { concurrency: number; timeoutMs: number }, body: () => Promise<void>) {
  process.env.WEBHOOK_TIMEOUT_MS = String(opts.timeoutMs);
  resetConfigForTests();
  const runner = new EmbeddedRunner(async () => db(), { pollMs: 10, concurrency: opts.concurrency });
  try {
    runner.start();
    await body();
  } finally {
    await runner.stop();
    delete process.env.WEBHOOK_TIMEOUT_MS;
    resetConfigForTests();
    receiver.setReply(() => ({ status: 200 }));
  }
}

describe("endpoint health", () => {
  it("disables an endpoint whose deliveries failed for 5 days, and tells its owner", async () => {
    const { partner, user, endpointId, publish } = await setup("/failing");
    receiver.setReply(() => ({ status: 500 }));
    await db().update(webhookEndpoints).set({ failingSince: new Date(Date.now() - 5 * 86_400_000 - 60_000) }).where(eq(webhookEndpoints.id, endpointId));
    const eventId = await publish();
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
    await attemptDelivery(db(), d.id);
    const [e] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(e.status).toBe("disabled");
    expect(e.disabledReason).toMatch(/5 days/);
    const told = await db().select().from(notifications).where(and(eq(notifications.userId, user.id), eq(notifications.kind, "webhook.endpoint_disabled")));
    expect(told).toHaveLength(1);
    const audited = await db().select().from(auditLog).where(and(eq(auditLog.partnerId, partner.id), eq(auditLog.action, "webhook_endpoint.disabled")));
    expect(audited).toHaveLength(1);
    receiver.setReply(() => ({ status: 200 }));
  });

  it("keeps an endpoint failing for less than 5 days enabled, and a success resets the clock", async () => {
    const { endpointId, publish } = await setup("/recovering");
    receiver.setReply(() => ({ status: 500 }));
    await db().update(webhookEndpoints).set({ failingSince: new Date(Date.now() - 4 * 86_400_000) }).where(eq(webhookEndpoints.id, endpointId));
    const first = await publish();
    const [d1] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, first));
    await attemptDelivery(db(), d1.id);
    let [e] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(e.status).toBe("enabled");
    expect(e.failingSince).not.toBeNull();
    receiver.setReply(() => ({ status: 200 }));
    const second = await publish();
    const [d2] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, second));
    await attemptDelivery(db(), d2.id);
    [e] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(e.failingSince).toBeNull();
  });

  it("never sends one endpoint more than its maxConcurrency requests at once", async () => {
    const { endpointId, publish } = await setup("/slow");
    await db().update(webhookEndpoints).set({ maxConcurrency: 2 }).where(eq(webhookEndpoints.id, endpointId));
    receiver.setReply(() => ({ status: 200, hang: true }));
    for (let i = 0; i < 6; i++) await publish();
    // The receiver holds every request open; a short timeout lets the held attempts end quickly.
    await withRunner({ concurrency: 32, timeoutMs: 1000 }, async () => {
      expect(await waitUntil(() => receiver.to("/slow").length >= 2, 3000)).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      // Six deliveries are due and the runner has 32 slots, but the endpoint allows two.
      expect(receiver.to("/slow")).toHaveLength(2);
    });
  });
  it("a receiver that hangs holds only its own slots: the other endpoints' deliveries all arrive meanwhile", async () => {
    const { user, endpointId: slowId, publish } = await setup("/hangs");
    await db().update(webhookEndpoints).set({ maxConcurrency: 3 }).where(eq(webhookEndpoints.id, slowId));
    for (const path of ["/quick-1", "/quick-2"]) {
      const created = await callRoute(endpointsRoute.POST, {
        path: "/api/v1/webhooks/endpoints",
        cookie: await sessionCookie(user.id),
        body: { url: `${receiver.base}${path}`, eventTypes: ["lead.*"] },
      });
      expect(created.status, created.text).toBe(201);
    }
    receiver.setReply((_n, req) => (req.url === "/hangs" ? { status: 200, hang: true } : { status: 200 }));
    for (let i = 0; i < 10; i++) await publish();
    // Four slots in all, three of which the hanging endpoint may hold; the
    // timeout outlasts the wait below and lets stop() end soon after.
    await withRunner({ concurrency: 4, timeoutMs: 2500 }, async () => {
      expect(await waitUntil(() => receiver.to("/quick-1").length >= 10 && receiver.to("/quick-2").length >= 10, 2000)).toBe(true);
      expect(receiver.to("/hangs")).toHaveLength(3);
    });
  });
});
