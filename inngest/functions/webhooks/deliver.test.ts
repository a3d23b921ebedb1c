import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { InngestExecutionEngine } from "inngest/internals";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import { webhookAttempts, webhookDeliveries } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { startWebhookReceiver } from "@/lib/testing/webhook-receiver";
import { DELIVERY_SCHEDULED } from "../../events";
import { webhookDeliver } from "./deliver";

const db = useTestDb();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const hashed = (id: string) => InngestExecutionEngine._internals.hashId(id);

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // Answer by path: /ok → 200, /dead → 500, /flaky → 500 first then 200.
  const seen = new Map<string, number>();
  receiver.setReply((_n, req) => {
    const count = (seen.get(req.url) ?? 0) + 1;
    seen.set(req.url, count);
    if (req.url.startsWith("/ok")) return { status: 200 };
    if (req.url.startsWith("/flaky")) return { status: count === 1 ? 500 : 200 };
    return { status: 500 };
  });
});
afterAll(() => receiver.close());

const envBefore = { ...process.env };
afterEach(() => {
  process.env.WEBHOOK_MAX_RETRIES = envBefore.WEBHOOK_MAX_RETRIES;
  if (envBefore.WEBHOOK_MAX_RETRIES === undefined) delete process.env.WEBHOOK_MAX_RETRIES;
  resetConfigForTests();
});

const lead = {
  leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10",
  source: "web",
  lineOfBusiness: "auto",
  contact: { name: "Dana" },
  createdAt: "2026-11-01T09:30:00.000Z",
};

/** An endpoint at `path` and one published lead.created event: returns its delivery id. */
async function scheduledDelivery(path: string): Promise<string> {
  const { partner, user } = await createPartnerWithMember(db());
  const cookie = await sessionCookie(user.id);
  const created = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: `${receiver.base}${path}`, eventTypes: ["lead.*"] } });
  expect(created.status, created.text).toBe(201);
  const admin = await createUser(db(), { admin: true });
  const published = await callRoute(eventsRoute.POST, {
    path: "/api/v1/events",
    cookie: await sessionCookie(admin.id),
    body: { type: "lead.created", data: lead, partnerId: partner.id },
  });
  expect(published.status, published.text).toBe(202);
  const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, published.body.id));
  return d.id;
}

/** A fresh engine per test; every durable sleep is mocked so the run can finish. */
function engineFor(deliveryId: string, sleeps = 10) {
  const steps = Array.from({ length: sleeps }, (_, i) => ({
    id: `backoff-${i + 1}`,
    handler: async () => {
      // The real sleep waits until nextAttemptAt; make the row due instead.
      await db().update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, deliveryId));
      return null;
    },
  }));
  return new InngestTestEngine({ function: webhookDeliver, events: [{ name: DELIVERY_SCHEDULED, data: { deliveryId } }], steps });
}

const attemptsOf = (deliveryId: string) => db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, deliveryId));

describe("webhook-deliver (Inngest function)", () => {
  it("delivers in one step when the receiver answers 2xx", async () => {
    const id = await scheduledDelivery("/ok");
    const { result, state, ctx } = await engineFor(id).execute();
    expect(result).toMatchObject({ kind: "succeeded", attempt: 1, status: 200 });
    await expect(state[hashed("attempt-1")]).resolves.toMatchObject({ kind: "succeeded" });
    expect(state[hashed("attempt-2")]).toBeUndefined();
    expect(ctx.step.sleepUntil).not.toHaveBeenCalled();
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(d.status).toBe("succeeded");
    expect(await attemptsOf(id)).toHaveLength(1);
    expect(receiver.to("/ok").length).toBeGreaterThanOrEqual(1);
  });

  it("sleeps until the scheduled retry after a 500, then succeeds on attempt 2", async () => {
    const id = await scheduledDelivery("/flaky");
    const { result, state, ctx } = await engineFor(id).execute();
    const first = (await state[hashed("attempt-1")]) as { kind: string; nextAttemptAt: string };
    expect(first.kind).toBe("retry");
    expect(ctx.step.sleepUntil).toHaveBeenCalledTimes(1);
    const [sleepId, until] = ctx.step.sleepUntil.mock.calls[0] as unknown as [string, Date];
    expect(sleepId).toBe("backoff-1");
    expect(new Date(until).toISOString()).toBe(new Date(first.nextAttemptAt).toISOString());
    await expect(state[hashed("attempt-2")]).resolves.toMatchObject({ kind: "succeeded", attempt: 2 });
    expect(result).toMatchObject({ kind: "succeeded", attempt: 2 });
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(d.status).toBe("succeeded");
    expect(d.attempts).toBe(2);
    expect(await attemptsOf(id)).toHaveLength(2);
  });

  it("gives up as dead after exactly WEBHOOK_MAX_RETRIES attempts", async () => {
    process.env.WEBHOOK_MAX_RETRIES = "3";
    resetConfigForTests();
    const id = await scheduledDelivery("/dead");
    const { result, state, ctx } = await engineFor(id).execute();
    expect(result).toMatchObject({ kind: "dead", attempt: 3, status: 500 });
    await expect(state[hashed("attempt-3")]).resolves.toMatchObject({ kind: "dead" });
    expect(state[hashed("attempt-4")]).toBeUndefined();
    expect(ctx.step.sleepUntil).toHaveBeenCalledTimes(2);
    const rows = await attemptsOf(id);
    expect(rows.map((r) => r.attemptNumber).sort()).toEqual([1, 2, 3]);
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(d.status).toBe("dead");
    expect(d.attempts).toBe(3);
    expect(d.nextAttemptAt).toBeNull();
  });

  it("stops without sending when the delivery is already finished (a duplicate event)", async () => {
    const id = await scheduledDelivery("/ok");
    await engineFor(id).execute();
    const before = receiver.received.length;
    const { result } = await engineFor(id).execute();
    expect(result).toMatchObject({ kind: "skipped" });
    expect(receiver.received.length).toBe(before);
    expect(await attemptsOf(id)).toHaveLength(1);
  });
});
