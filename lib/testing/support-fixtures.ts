import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { applications, events, oauthClients, payouts, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { insertInvoice } from "@/lib/billing/invoices/test-fixtures";
import { seal } from "@/lib/crypto/secret-box";
import { principalForUser } from "@/lib/http/session-principal";
import { generateClientId } from "@/lib/oauth/token-format";
import { createTicket } from "@/lib/support/create-ticket";
import { CreateTicketInput, type TicketLinkType } from "@/lib/support/schemas";
import { generateWebhookSecret } from "@/lib/webhooks/transport/sign";
import * as linkableRoute from "@/app/api/v1/support/linkable/route";
import * as statsRoute from "@/app/api/v1/support/stats/route";
import * as commentsRoute from "@/app/api/v1/support/tickets/[id]/comments/route";
import * as ticketRoute from "@/app/api/v1/support/tickets/[id]/route";
import * as satisfactionRoute from "@/app/api/v1/support/tickets/[id]/satisfaction/route";
import * as ticketsRoute from "@/app/api/v1/support/tickets/route";
import { callRoute } from "./call-route";
import { createApiKey, createUser, sessionCookie } from "./fixtures";
import { installIntegration } from "./integration-fixtures";

// Support tickets and the objects they link to, written the way the API would (tickets go
// through createTicket, so their SLA columns are real).

const uniq = () => randomBytes(4).toString("hex");
let periods = 0;
/** A month no other fixture payout of this process has used: (partner, period) is unique. */
const nextPeriod = () => {
  const n = periods++;
  return `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
};

/** A platform admin (support staff) with a session cookie. */
export async function createStaff(db: Db, name = "Support Agent") {
  const user = await createUser(db, { admin: true, name });
  return { user, cookie: await sessionCookie(user.id) };
}

/** The principal a signed-in user has on every request (partner membership first, then account). */
export async function principalOf(db: Db, userId: string) {
  const p = await principalForUser(db, userId);
  if (!p) throw new Error(`no user ${userId}`);
  return p;
}

/** A ticket opened by the user (through createTicket: links checked, staff notified). */
export async function openTicket(db: Db, userId: string, input: Partial<CreateTicketInput> = {}, opts: { now?: Date } = {}) {
  const body = CreateTicketInput.parse({ subject: `Help needed ${uniq()}`, body: "Our webhook deliveries fail.", ...input });
  return createTicket(db, await principalOf(db, userId), body, opts);
}

export type LinkTargets = Record<TicketLinkType, string>;

/** One object of every linkable kind owned by the partner (the integration: an install of its app in a new account). */
export async function partnerLinkTargets(db: Db, partnerId: string): Promise<LinkTargets> {
  const s = uniq();
  const [app] = await db.insert(applications).values({ partnerId, name: `Claims Sync ${s}`, slug: `claims-sync-${s}`, status: "published" }).returning();
  const key = await createApiKey(db, partnerId, { name: `Production ${s}` });
  const [client] = await db
    .insert(oauthClients)
    .values({ partnerId, name: `Client ${s}`, clientId: generateClientId(), type: "public", redirectUris: ["http://localhost:9/cb"], grantTypes: ["authorization_code"] })
    .returning();
  const [endpoint] = await db
    .insert(webhookEndpoints)
    .values({ partnerId, url: `https://hooks.example.com/${s}`, eventTypes: ["*"], secretCiphertext: seal(generateWebhookSecret()), failingSince: new Date(Date.now() - 3_600_000) })
    .returning();
  const [event] = await db.insert(events).values({ type: "lead.created", data: { leadId: s }, partnerId, createdBy: "system" }).returning();
  const [delivery] = await db
    .insert(webhookDeliveries)
    .values({
      eventId: event.id,
      endpointId: endpoint.id,
      partnerId,
      eventType: event.type,
      status: "dead",
      attempts: 2,
      lastResponseStatus: 503,
      lastError: "HTTP 503",
      lastAttemptAt: new Date(),
    })
    .returning();
  const started = Date.now() - 120_000;
  await db.insert(webhookAttempts).values([
    { deliveryId: delivery.id, attemptNumber: 1, responseStatus: 500, error: "HTTP 500", startedAt: new Date(started), finishedAt: new Date(started + 80) },
    { deliveryId: delivery.id, attemptNumber: 2, responseStatus: 503, error: "HTTP 503 Service Unavailable", startedAt: new Date(started + 60_000), finishedAt: new Date(started + 60_090) },
  ]);
  const { integration } = await installIntegration(db, { partnerId, name: `Agency Sync ${s}`, status: "degraded", consecutiveFailures: 3 });
  const invoice = await insertInvoice(db, { partnerId, lines: [{ kind: "flat_fee", description: "Platform fee", amountCents: 123_456 }], dueAt: new Date(Date.now() - 86_400_000) });
  const [payout] = await db
    .insert(payouts)
    .values({ partnerId, period: nextPeriod(), status: "failed", grossCents: 10_000, platformShareCents: 2_000, amountCents: 8_000, failureReason: "Bank account closed" })
    .returning();
  return {
    application: app.id,
    key: key.id,
    oauth_client: client.id,
    webhook_endpoint: endpoint.id,
    delivery: delivery.id,
    event: event.id,
    integration: integration.id,
    invoice: invoice.id,
    payout: payout.id,
  };
}

/** An integration in the customer's account (of a new partner's app). */
export async function accountIntegration(db: Db, accountId: string) {
  const { integration } = await installIntegration(db, { account: { id: accountId }, name: `Quote Bridge ${uniq()}` });
  return integration.id;
}

/** Who calls: a session cookie or a bearer credential. */
export type Caller = { cookie?: string; bearer?: string };

/** The support API through its real route handlers. */
export const supportApi = {
  list: (c: Caller, query = "") => callRoute(ticketsRoute.GET, { path: `/api/v1/support/tickets${query}`, ...c }),
  create: (c: Caller, body: unknown, headers?: Record<string, string>) => callRoute(ticketsRoute.POST, { path: "/api/v1/support/tickets", body, headers, ...c }),
  get: (c: Caller, id: string) => callRoute(ticketRoute.GET, { path: `/api/v1/support/tickets/${id}`, params: { id }, ...c }),
  patch: (c: Caller, id: string, body: unknown) => callRoute(ticketRoute.PATCH, { method: "PATCH", path: `/api/v1/support/tickets/${id}`, params: { id }, body, ...c }),
  comments: (c: Caller, id: string, query = "") => callRoute(commentsRoute.GET, { path: `/api/v1/support/tickets/${id}/comments${query}`, params: { id }, ...c }),
  comment: (c: Caller, id: string, body: unknown, headers?: Record<string, string>) =>
    callRoute(commentsRoute.POST, { path: `/api/v1/support/tickets/${id}/comments`, params: { id }, body, headers, ...c }),
  rate: (c: Caller, id: string, body: unknown) => callRoute(satisfactionRoute.POST, { path: `/api/v1/support/tickets/${id}/satisfaction`, params: { id }, body, ...c }),
  linkable: (c: Caller, query = "") => callRoute(linkableRoute.GET, { path: `/api/v1/support/linkable${query}`, ...c }),
  stats: (c: Caller) => callRoute(statsRoute.GET, { path: "/api/v1/support/stats", ...c }),
};
