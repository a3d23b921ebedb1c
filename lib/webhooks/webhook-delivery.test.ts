import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as secretRoute from "@/app/api/v1/webhooks/endpoints/[id]/secret/route";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { EmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { signatureHeaders } from "@/lib/testing/webhook-receiver";
import { attemptDelivery } from "./attempt-delivery";

const db = useTestDb();

type Received = { headers: IncomingMessage["headers"]; body: string };
let server: Server;
let base = "";
const received: Received[] = [];
let respond: (n: number) => number = () => 200;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.statusCode = respond(received.length);
      res.end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function setup(path: string) {
  const { partner, user } = await createPartnerWithMember(db());
  const cookie = await sessionCookie(user.id);
  const created = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", cookie, body: { url: `${base}${path}`, eventTypes: ["lead.*"] } });
  expect(created.status, created.text).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_/);
  const admin = await createUser(db(), { admin: true });
  return { partner, cookie, endpoint: created.body, adminCookie: await sessionCookie(admin.id) };
}

const lead = {
  leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10",
  source: "web",
  lineOfBusiness: "auto",
  contact: { name: "Dana" },
  createdAt: "2026-11-01T09:30:00.000Z",
};

describe("webhook delivery, end to end through the embedded runner", () => {
  it("publishes, fans out, delivers a Standard Webhooks signed request the library verifies", async () => {
    const { partner, cookie, endpoint, adminCookie } = await setup("/ok");
    const published = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie: adminCookie, body: { type: "lead.created", data: lead, partnerId: partner.id } });
    expect(published.status, published.text).toBe(202);
    expect(published.body.deliveries).toBe(1);

    const before = received.length;
    const runner = new EmbeddedRunner(async () => db(), { pollMs: 20 });
    runner.start();
    for (let i = 0; i < 100 && received.length === before; i++) await new Promise((r) => setTimeout(r, 20));
    await runner.stop();
    const got = received.at(-1)!;
    expect(got.headers["webhook-id"]).toBe(published.body.id);
    const { secret } = (await callRoute(secretRoute.GET, { path: `/api/v1/webhooks/endpoints/${endpoint.id}/secret`, params: { id: endpoint.id }, cookie })).body;
    const payload = new Webhook(secret).verify(got.body, signatureHeaders(got.headers)) as { type: string; data: unknown };
    expect(payload.type).toBe("lead.created");
    expect(payload.data).toEqual(lead);
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, published.body.id));
    expect(d.status).toBe("succeeded");
  });

  it("refuses data that breaks the type's schema, naming the field", async () => {
    const { partner, adminCookie } = await setup("/ok");
    const bad = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie: adminCookie, body: { type: "lead.created", data: { ...lead, lineOfBusiness: "boats" }, partnerId: partner.id } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain("data.lineOfBusiness");
  });

  it("retries a 500 on the schedule, keeps the same webhook-id, and a 410 disables the endpoint", async () => {
    const { partner, endpoint, adminCookie } = await setup("/flaky");
    const published = await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie: adminCookie, body: { type: "lead.created", data: lead, partnerId: partner.id } });
    const [d] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, published.body.id));
    respond = () => 500;
    const first = await attemptDelivery(db(), d.id);
    expect(first.kind).toBe("retry");
    if (first.kind === "retry") expect(first.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(100_000);
    const ids = received.slice(-1).map((r) => r.headers["webhook-id"]);
    respond = () => 410;
    await db().update(webhookDeliveries).set({ nextAttemptAt: new Date() }).where(eq(webhookDeliveries.id, d.id));
    const second = await attemptDelivery(db(), d.id);
    expect(second.kind).toBe("dead");
    expect(received.at(-1)!.headers["webhook-id"]).toBe(ids[0]);
    const [e] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(e.status).toBe("disabled");
    respond = () => 200;
  });
});
