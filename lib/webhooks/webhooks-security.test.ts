import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as deliveriesRoute from "@/app/api/v1/webhooks/deliveries/route";
import * as deliveryRoute from "@/app/api/v1/webhooks/deliveries/[id]/route";
import * as retryRoute from "@/app/api/v1/webhooks/deliveries/[id]/retry/route";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as endpointRoute from "@/app/api/v1/webhooks/endpoints/[id]/route";
import * as rotateRoute from "@/app/api/v1/webhooks/endpoints/[id]/rotate-secret/route";
import * as secretRoute from "@/app/api/v1/webhooks/endpoints/[id]/secret/route";
import * as testRoute from "@/app/api/v1/webhooks/endpoints/[id]/test/route";
import type { Db } from "@/db";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { resetConfigForTests } from "@/lib/config";
import { seal } from "@/lib/crypto/secret-box";
import { clearKeyCache } from "@/lib/keys/key-cache";
import { callRoute } from "@/lib/testing/call-route";
import { createAccountWithMember, createApiKey, createPartner, createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { describeSecurity, expectProblem, type Denial } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { generateWebhookSecret } from "./transport/sign";

const db = useTestDb();
afterEach(() => clearKeyCache());

/** A partner with an owner, one endpoint and one dead delivery to it (the routes address both). */
async function webhookTenant(d: Db) {
  const { partner, user: owner } = await createPartnerWithMember(d);
  const secret = generateWebhookSecret();
  const [endpoint] = await d
    .insert(webhookEndpoints)
    .values({
      partnerId: partner.id,
      url: `https://hooks.example.com/${partner.slug}`,
      eventTypes: ["lead.created"],
      description: `endpoint-${partner.slug}`,
      secretCiphertext: seal(secret),
    })
    .returning();
  const [event] = await d.insert(events).values({ type: "lead.created", data: {}, partnerId: partner.id, createdBy: "system" }).returning();
  const [delivery] = await d
    .insert(webhookDeliveries)
    .values({ eventId: event.id, endpointId: endpoint.id, partnerId: partner.id, eventType: "lead.created", status: "dead", attempts: 5, lastError: `err-${partner.slug}` })
    .returning();
  return {
    tenant: { kind: "partner" as const, id: partner.id, name: partner.name, slug: partner.slug },
    partner,
    owner,
    endpoint,
    delivery,
    secret,
  };
}
type Ctx = Awaited<ReturnType<typeof webhookTenant>>;

const readers = ["tenant:owner", "tenant:admin", "tenant:developer", "api_key:read:webhooks"] as const;
const writers = ["tenant:owner", "tenant:admin", "tenant:developer", "api_key:write:webhooks"] as const;
const common: Denial[] = [
  { actor: "tenant:billing", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "customer", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "api_key:read:keys", status: 403, code: "INSUFFICIENT_SCOPE" },
];
const readDenied = common;
const writeDenied: Denial[] = [...common, { actor: "api_key:read:webhooks", status: 403, code: "INSUFFICIENT_SCOPE" }];
const crossRead = ["other-tenant", "other-tenant:api_key:read:webhooks"] as const;
const crossWrite = ["other-tenant", "other-tenant:api_key:write:webhooks"] as const;

const epPath = (c: Ctx) => `/api/v1/webhooks/endpoints/${c.endpoint.id}`;
const epParams = (c: Ctx) => ({ id: c.endpoint.id });
const epId = (c: Ctx) => c.endpoint.id;
const dPath = (c: Ctx) => `/api/v1/webhooks/deliveries/${c.delivery.id}`;
const dParams = (c: Ctx) => ({ id: c.delivery.id });
const dId = (c: Ctx) => c.delivery.id;
/** What another partner must never see. */
const secrets = (c: Ctx) => [c.secret, c.endpoint.url, c.endpoint.description, c.delivery.lastError!];

const endpointRow = async (d: Db, c: Ctx) => (await d.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, c.endpoint.id)))[0] ?? null;
const partnerEndpoints = (d: Db, c: Ctx) => d.select({ id: webhookEndpoints.id }).from(webhookEndpoints).where(eq(webhookEndpoints.partnerId, c.partner.id)).orderBy(webhookEndpoints.id);
const endpointDeliveries = (d: Db, c: Ctx) => d.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, c.endpoint.id)).orderBy(webhookDeliveries.id);
const deliveryRow = async (d: Db, c: Ctx) => (await d.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, c.delivery.id)))[0];

describeSecurity(db, {
  name: "GET /webhooks/endpoints",
  handler: endpointsRoute.GET,
  method: "GET",
  setup: webhookTenant,
  path: () => "/api/v1/webhooks/endpoints",
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:webhooks",
  denied: readDenied,
  crossTenant: [...crossRead],
  secrets,
});

describeSecurity(db, {
  name: "POST /webhooks/endpoints",
  handler: endpointsRoute.POST,
  method: "POST",
  setup: webhookTenant,
  path: () => "/api/v1/webhooks/endpoints",
  body: () => ({ url: "https://hooks.example.com/new", eventTypes: ["lead.*"] }),
  okStatus: 201,
  allowed: [...writers],
  requiredScope: "write:webhooks",
  denied: writeDenied,
  crossTenant: [...crossWrite],
  state: partnerEndpoints,
  secrets,
});

describeSecurity(db, {
  name: "GET /webhooks/endpoints/{id}",
  handler: endpointRoute.GET,
  method: "GET",
  setup: webhookTenant,
  path: epPath,
  params: epParams,
  ownedId: epId,
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:webhooks",
  denied: readDenied,
  crossTenant: [...crossRead],
  secrets,
});

describeSecurity(db, {
  name: "PATCH /webhooks/endpoints/{id}",
  handler: endpointRoute.PATCH,
  method: "PATCH",
  setup: webhookTenant,
  path: epPath,
  params: epParams,
  body: () => ({ description: "changed by the test" }),
  ownedId: epId,
  okStatus: 200,
  allowed: [...writers],
  requiredScope: "write:webhooks",
  denied: writeDenied,
  crossTenant: [...crossWrite],
  state: endpointRow,
  secrets,
});

describeSecurity(db, {
  name: "DELETE /webhooks/endpoints/{id}",
  handler: endpointRoute.DELETE,
  method: "DELETE",
  setup: webhookTenant,
  path: epPath,
  params: epParams,
  ownedId: epId,
  okStatus: 204,
  allowed: [...writers],
  requiredScope: "write:webhooks",
  denied: writeDenied,
  crossTenant: [...crossWrite],
  state: endpointRow,
  secrets,
});

describeSecurity(db, {
  name: "GET /webhooks/endpoints/{id}/secret",
  handler: secretRoute.GET,
  method: "GET",
  setup: webhookTenant,
  path: (c) => `${epPath(c)}/secret`,
  params: epParams,
  ownedId: epId,
  okStatus: 200,
  allowed: [...writers],
  requiredScope: "write:webhooks",
  denied: writeDenied,
  crossTenant: [...crossWrite],
  secrets,
});

describeSecurity(db, {
  name: "POST /webhooks/endpoints/{id}/rotate-secret",
  handler: rotateRoute.POST,
  method: "POST",
  setup: webhookTenant,
  path: (c) => `${epPath(c)}/rotate-secret`,
  params: epParams,
  ownedId: epId,
  okStatus: 200,
  allowed: [...writers],
  requiredScope: "write:webhooks",
  denied: writeDenied,
  crossTenant: [...crossWrite],
  state: endpointRow,
  secrets,
});

describeSecurity(db, {
  name: "POST /webhooks/endpoints/{id}/test",
  handler: testRoute.POST,
  method: "POST",
  setup: webhookTenant,
  path: (c) => `${epPath(c)}/test`,
  params: epParams,
  body: () => ({}),
  ownedId: epId,
  okStatus: 202,
  allowed: [...writers],
  requiredScope: "write:webhooks",
  denied: writeDenied,
  crossTenant: [...crossWrite],
  state: endpointDeliveries,
  secrets,
});

describeSecurity(db, {
  name: "GET /webhooks/deliveries",
  handler: deliveriesRoute.GET,
  method: "GET",
  setup: webhookTenant,
  path: () => "/api/v1/webhooks/deliveries",
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:webhooks",
  denied: readDenied,
  crossTenant: [...crossRead],
  secrets: (c) => [...secrets(c), c.delivery.id],
});

describeSecurity(db, {
  name: "GET /webhooks/deliveries/{id}",
  handler: deliveryRoute.GET,
  method: "GET",
  setup: webhookTenant,
  path: dPath,
  params: dParams,
  ownedId: dId,
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:webhooks",
  denied: readDenied,
  crossTenant: [...crossRead],
  secrets,
});

describeSecurity(db, {
  name: "POST /webhooks/deliveries/{id}/retry",
  handler: retryRoute.POST,
  method: "POST",
  setup: webhookTenant,
  path: (c) => `${dPath(c)}/retry`,
  params: dParams,
  ownedId: dId,
  okStatus: 200,
  allowed: [...writers],
  requiredScope: "write:webhooks",
  denied: writeDenied,
  crossTenant: [...crossWrite],
  state: deliveryRow,
  secrets,
});

describe("webhook endpoint URLs: SSRF refusals with private URLs disallowed", () => {
  const before = process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
  afterEach(() => {
    if (before === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE_URLS;
    else process.env.WEBHOOK_ALLOW_PRIVATE_URLS = before;
    resetConfigForTests();
  });

  const refused = ["http://127.0.0.1/", "https://localhost/", "https://169.254.169.254/", "https://10.0.0.1/", "https://[::1]/", "http://example.com/"];
  for (const url of refused) {
    it(`refuses ${url} with 422 naming url`, async () => {
      process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "false";
      resetConfigForTests();
      const { partner, user } = await createPartnerWithMember(db());
      const res = await callRoute(endpointsRoute.POST, {
        path: "/api/v1/webhooks/endpoints",
        cookie: await sessionCookie(user.id),
        body: { url, eventTypes: ["lead.*"] },
      });
      expectProblem(res, 422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain("url");
      expect(await db().$count(webhookEndpoints, eq(webhookEndpoints.partnerId, partner.id))).toBe(0);
    });
  }

  it("PATCH to a private URL is refused the same way", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "false";
    resetConfigForTests();
    const ctx = await webhookTenant(db());
    const res = await callRoute(endpointRoute.PATCH, {
      method: "PATCH",
      path: epPath(ctx),
      params: epParams(ctx),
      cookie: await sessionCookie(ctx.owner.id),
      body: { url: "https://169.254.169.254/latest/meta-data" },
    });
    expectProblem(res, 422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain("url");
    expect((await endpointRow(db(), ctx)).url).toBe(ctx.endpoint.url);
  });
});

describe("webhook and event permissions of partner credentials", () => {
  const lead = {
    leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10",
    source: "web",
    lineOfBusiness: "auto",
    contact: { name: "Dana" },
    createdAt: "2026-11-01T09:30:00.000Z",
  };

  it("a key with only read:webhooks cannot create endpoints (403)", async () => {
    const partner = await createPartner(db());
    const { key } = await createApiKey(db(), partner.id, { scopes: ["read:webhooks"] });
    const res = await callRoute(endpointsRoute.POST, { path: "/api/v1/webhooks/endpoints", bearer: key, body: { url: "https://hooks.example.com/x", eventTypes: ["lead.*"] } });
    expectProblem(res, 403, "INSUFFICIENT_SCOPE");
    expect(res.text).toContain("write:webhooks");
    expect(await db().$count(webhookEndpoints, eq(webhookEndpoints.partnerId, partner.id))).toBe(0);
  });

  it("a partner credential cannot publish to another partner (403)", async () => {
    const partner = await createPartner(db());
    const victim = await createPartner(db());
    const { key } = await createApiKey(db(), partner.id, { scopes: ["write:events"] });
    const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", bearer: key, body: { type: "lead.created", data: lead, partnerId: victim.id } });
    expectProblem(res, 403);
    expect(await db().$count(events, eq(events.partnerId, victim.id))).toBe(0);
  });

  it("a partner credential cannot publish an account-wide event (403)", async () => {
    const partner = await createPartner(db());
    const { account } = await createAccountWithMember(db());
    const { key } = await createApiKey(db(), partner.id, { scopes: ["write:events"] });
    const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", bearer: key, body: { type: "lead.created", data: lead, accountId: account.id } });
    expectProblem(res, 403);
    expect(await db().$count(events, eq(events.accountId, account.id))).toBe(0);
  });

  it("control: the same credential publishes to its own partner (202)", async () => {
    const partner = await createPartner(db());
    const { key } = await createApiKey(db(), partner.id, { scopes: ["write:events"] });
    const idem = randomBytes(4).toString("hex");
    const res = await callRoute(eventsRoute.POST, { path: "/api/v1/events", bearer: key, body: { type: "lead.created", data: lead }, headers: { "idempotency-key": idem } });
    expect(res.status, res.text).toBe(202);
    const [row] = await db().select().from(events).where(eq(events.id, res.body.id));
    expect(row.partnerId).toBe(partner.id);
  });
});
