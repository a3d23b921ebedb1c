import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as secretRoute from "@/app/api/v1/webhooks/endpoints/[id]/secret/route";
import * as deliveryRoute from "@/app/api/v1/webhooks/deliveries/[id]/route";
import * as mappingsRoute from "@/app/api/v1/integrations/[id]/mappings/route";
import { webhookAttempts, webhookDeliveries } from "@/db/schema";
import { EmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { publishIntegrationEvent } from "@/lib/integrations/integration-events";
import { attemptDelivery } from "@/lib/webhooks/attempt-delivery";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { installIntegration, type InstalledIntegration } from "@/lib/testing/integration-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { signatureHeaders, startWebhookReceiver, waitUntil } from "@/lib/testing/webhook-receiver";

const db = useTestDb();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver.close());

const lead = {
  leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10",
  source: "web",
  lineOfBusiness: "auto",
  contact: { name: "  Dana Reyes ", email: "Dana@Example.COM" },
  createdAt: "2026-11-01T09:30:00.000Z",
};

let n = 0;
/** An endpoint of the integration's partner, on its own path of the receiver, and its secret. */
async function endpointFor(partnerUserId: string) {
  const cookie = await sessionCookie(partnerUserId);
  const path = `/p${++n}`;
  const created = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: `${receiver.base}${path}`, eventTypes: ["lead.*", "integration.*"] } });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  const secret = (await callRoute(secretRoute.GET, { path: `/api/v1/webhooks/endpoints/${id}/secret`, params: { id }, cookie })).body.secret as string;
  return { id, path, secret, cookie };
}

async function withMappings(i: InstalledIntegration, mappings: unknown[]) {
  const id = i.integration.id;
  const res = await callRoute(mappingsRoute.PUT, { method: "PUT", path: `/api/v1/integrations/${id}/mappings`, params: { id }, cookie: await sessionCookie(i.owner.id), body: { mappings } });
  expect(res.status, res.text).toBe(200);
}

async function publish(body: Record<string, unknown>) {
  const admin = await sessionCookie((await createUser(db(), { admin: true })).id);
  const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie: admin, body });
  expect(res.status, res.text).toBe(202);
  return res.body as { id: string; deliveries: number };
}

const deliveriesOf = (eventId: string) => db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));

describe("webhooks to the partner of an integration", () => {
  it("carry integrationId and mapped, signed so the partner's library verifies them (embedded runner, from the fan-out)", async () => {
    const i = await installIntegration(db());
    await withMappings(i, [
      { sourceField: "lead.contact.email", targetField: "crm.email", transform: "lowercase" },
      { sourceField: "lead.contact.name", targetField: "crm.fullName", transform: "trim" },
      { sourceField: "policy.premiumCents", targetField: "crm.premium", transform: "cents_to_decimal" },
    ]);
    const ep = await endpointFor(i.partnerUser.id);
    // A partner installed elsewhere gets nothing; one installed in the account without mappings gets integrationId only.
    const plain = await installIntegration(db(), { account: i.account });
    const plainEp = await endpointFor(plain.partnerUser.id);

    const runner = new EmbeddedRunner(async () => db(), { pollMs: 20 });
    runner.start();
    try {
      const event = await publish({ type: "lead.created", data: lead, accountId: i.account.id });
      expect(event.deliveries).toBe(2);
      expect(await waitUntil(() => receiver.to(ep.path).length === 1 && receiver.to(plainEp.path).length === 1, 5000)).toBe(true);
      const got = receiver.to(ep.path)[0];
      expect(got.headers["webhook-id"]).toBe(event.id);
      const body = new Webhook(ep.secret).verify(got.body, signatureHeaders(got.headers)) as Record<string, unknown>;
      expect(body).toEqual({
        id: event.id,
        type: "lead.created",
        timestamp: expect.any(String),
        data: lead,
        accountId: i.account.id,
        integrationId: i.integration.id,
        mapped: { "crm.email": "dana@example.com", "crm.fullName": "Dana Reyes" },
      });
      const other = receiver.to(plainEp.path)[0];
      const otherBody = new Webhook(plainEp.secret).verify(other.body, signatureHeaders(other.headers)) as Record<string, unknown>;
      expect(otherBody.integrationId).toBe(plain.integration.id);
      expect(otherBody).not.toHaveProperty("mapped");
      // The delivery log shows the body that was sent.
      const [d] = (await deliveriesOf(event.id)).filter((x) => x.endpointId === ep.id);
      expect(await waitUntil(async () => (await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, d.id))).length === 1, 3000)).toBe(true);
      const log = await callRoute(deliveryRoute.GET, { path: `/api/v1/webhooks/deliveries/${d.id}`, params: { id: d.id }, cookie: ep.cookie });
      expect(log.body.attemptsLog[0].requestBody).toBe(got.body);
    } finally {
      await runner.stop();
    }
  });

  it("keeps a delivery's body byte for byte across retries, even when the mappings change between them", async () => {
    const i = await installIntegration(db());
    await withMappings(i, [{ sourceField: "lead.contact.email", targetField: "crm.email", transform: "uppercase" }]);
    const ep = await endpointFor(i.partnerUser.id);
    const event = await publish({ type: "lead.created", data: lead, accountId: i.account.id });
    const [d] = await deliveriesOf(event.id);
    receiver.setReply(() => ({ status: 500 }));
    try {
      const first = await attemptDelivery(db(), d.id);
      expect(first.kind).toBe("retry");
      // The customer remaps in between: the retry must not send a different body under the same id.
      await withMappings(i, [{ sourceField: "lead.source", targetField: "crm.source" }]);
      receiver.setReply(() => ({ status: 200 }));
      await db().update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, d.id));
      const second = await attemptDelivery(db(), d.id);
      expect(second.kind).toBe("succeeded");
    } finally {
      receiver.setReply(() => ({ status: 200 }));
    }
    const [a, b] = receiver.to(ep.path);
    expect(b.body).toBe(a.body);
    expect(JSON.parse(a.body).mapped).toEqual({ "crm.email": "DANA@EXAMPLE.COM" });
    new Webhook(ep.secret).verify(b.body, signatureHeaders(b.headers));

    // A new event after the change is mapped the new way.
    const next = await publish({ type: "lead.created", data: lead, accountId: i.account.id });
    const [d2] = await deliveriesOf(next.id);
    expect((await attemptDelivery(db(), d2.id)).kind).toBe("succeeded");
    expect(JSON.parse(receiver.to(ep.path)[2].body).mapped).toEqual({ "crm.source": "web" });
  });

  it("names the integration in its partner's lifecycle events, and nothing for events without an account", async () => {
    const i = await installIntegration(db());
    const ep = await endpointFor(i.partnerUser.id);
    const published = await publishIntegrationEvent(db(), { id: i.integration.id, partnerId: i.partner.id, applicationId: i.app.id, accountId: i.account.id }, { type: "integration.failed", error: "timeout" });
    const [d] = await deliveriesOf(published.id);
    expect((await attemptDelivery(db(), d.id)).kind).toBe("succeeded");
    const body = JSON.parse(receiver.to(ep.path)[0].body);
    expect(body).toMatchObject({ type: "integration.failed", partnerId: i.partner.id, accountId: i.account.id, integrationId: i.integration.id });
    expect(body).not.toHaveProperty("mapped");

    const noAccount = await publish({ type: "lead.created", data: lead, partnerId: i.partner.id });
    const [d2] = await deliveriesOf(noAccount.id);
    expect((await attemptDelivery(db(), d2.id)).kind).toBe("succeeded");
    const plain = JSON.parse(receiver.to(ep.path)[1].body);
    expect(plain).not.toHaveProperty("integrationId");
    expect(plain).not.toHaveProperty("mapped");
    // And its attempt stores no body of its own (the event's is rebuilt): nothing changed for plain webhooks.
    const [attempt] = await db().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, d2.id));
    expect(attempt.requestBody).toBeNull();
  });

  it("does not name an uninstalled integration, nor reach a partner not installed in the account", async () => {
    const i = await installIntegration(db(), { status: "disconnected" });
    const ep = await endpointFor(i.partnerUser.id);
    const { partner: outsider, user } = await createPartnerWithMember(db());
    const outsiderEp = await endpointFor(user.id);
    const event = await publish({ type: "lead.created", data: lead, accountId: i.account.id });
    expect(event.deliveries).toBe(0);
    // Addressed to the partner directly, with the account: delivered, but no integration to name.
    const direct = await publish({ type: "lead.created", data: lead, accountId: i.account.id, partnerId: i.partner.id });
    const [d] = await deliveriesOf(direct.id);
    expect((await attemptDelivery(db(), d.id)).kind).toBe("succeeded");
    expect(JSON.parse(receiver.to(ep.path)[0].body)).not.toHaveProperty("integrationId");
    expect(receiver.to(outsiderEp.path)).toHaveLength(0);
    expect(outsider.id).toBeTruthy();
  });
});
