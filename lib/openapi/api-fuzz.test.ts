import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { invoices, oauthConsents, payouts } from "@/db/schema";
import { createRun, runToCompletion } from "@/lib/billing/billing-runs";
import { setPlan } from "@/lib/testing/billing-fixtures";
import * as healthRoute from "@/app/api/health/route";
import * as introspectRoute from "@/app/api/oauth/introspect/route";
import * as revokeRoute from "@/app/api/oauth/revoke/route";
import * as tokenRoute from "@/app/api/oauth/token/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as listingsRoute from "@/app/api/v1/marketplace/listings/route";
import { callRoute, type CallOptions, type CallResult } from "@/lib/testing/call-route";
import { createAccountWithMember, createAgreement, createApiKey, createContact, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import {
  hostileBodyValues,
  hostileRawBodies,
  hostileStrings,
  isHeaderSafe,
  MALFORMED_SESSION_COOKIES,
  OAUTH_ERROR_CODES,
  pathSegment,
  type Hostile,
} from "@/lib/testing/hostile-values";
import { goodApplication } from "@/lib/testing/application-fixtures";
import { installIntegration } from "@/lib/testing/integration-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { openApiDocument } from "./document";

// Issue 12, part 4: no 5xx on any input. Walks the OpenAPI document served at
// /api/v1/openapi.json and, for every operation, sends each hostile value of the
// corpus in every path parameter, query parameter, header parameter and body field
// (starting from a valid body built from the schema), plus whole-body attacks
// (deep JSON, invalid JSON, wrong media types) and a malformed session cookie.
// Every answer must be < 500; every 4xx problem+json with `code` and `requestId`;
// a 400/422 must name the field it refuses in `errors[].path`; NUL and lone
// surrogates must be refused, not stored. All failures are collected and printed
// as one table, so a red run says exactly what to fix.

const db = useTestDb();

type Json = any; // JSON Schema / JSON values walked generically
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (req: Request, ctx?: { params?: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Actor = "owner" | "admin" | "customer";

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const doc = openApiDocument("http://localhost:3000") as unknown as { paths: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

// ---------------------------------------------------------------- failures

type Failure = { op: string; actor: string; where: string; target: string; label: string; status: number; code: string; detail: string; kind: string };
const failures: Failure[] = [];
/** console.error lines logged while the current request ran (the cause of a 500). */
let logged: string[] = [];

function fail(f: Omit<Failure, "detail" | "code"> & { code?: string; detail?: string }) {
  failures.push({ code: "", detail: "", ...f });
}

const short = (s: unknown, n = 110) => {
  const t = String(s ?? "")
    .replace(/\s+/g, " ")
    .replace(/[\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)
    .replace(/[\ud800-\udfff]/g, "\\uD8xx");
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

function printTable(title: string, rows: Failure[]) {
  if (!rows.length) return;
  // One line per (operation, where, field, status, code, kind): the value labels are listed together.
  const groups = new Map<string, { f: Failure; labels: string[] }>();
  for (const f of rows) {
    const key = [f.op, f.actor, f.where, f.target, f.status, f.code, f.kind].join("|");
    const g = groups.get(key);
    if (g) g.labels.push(f.label);
    else groups.set(key, { f, labels: [f.label] });
  }
  const lines = [...groups.values()].map(({ f, labels }) =>
    [f.kind, f.op, f.actor, `${f.where}:${f.target}`, short([...new Set(labels)].join(", "), 90), f.status, f.code, short(f.detail, 140)].join(" | "),
  );
  const byKind = new Map<string, number>();
  for (const f of rows) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
  console.log(
    `\n${title}: ${rows.length} failing requests (${[...byKind].map(([k, n]) => `${k}: ${n}`).join(", ")})\n` +
      "kind | operation | actor | where:field | values | status | code | detail\n" +
      lines.join("\n"),
  );
}

// ---------------------------------------------------------------- the world

type World = {
  cookies: Record<Actor, string>;
  partnerId: string;
  victimPartnerId: string;
  accountId: string;
  keyId: string;
  spareKeyId: string;
  keyPlain: string;
  contactId: string;
  spareContactId: string;
  agreementId: string;
  clientId: string; // internal uuid
  spareClientId: string;
  oauthClientId: string; // public client_id
  oauthClientSecret: string;
  endpointId: string;
  spareEndpointId: string;
  eventId: string;
  deliveryId: string;
  replayJobId: string;
  consentId: string;
  applicationId: string;
  spareApplicationId: string;
  listingSlug: string;
  /** An app of the world's partner without a listing, for POST /marketplace/listings. */
  unlistedApplicationId: string;
  integrationId: string;
  invoiceId: string;
  payoutId: string;
  runId: string;
  ticketId: string;
};
let world: World;

const lead = {
  leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10",
  source: "web",
  lineOfBusiness: "auto",
  contact: { name: "Dana", email: "dana@example.com" },
  createdAt: "2026-11-01T09:30:00.000Z",
};

async function routeModule(apiPath: string): Promise<Record<string, Handler> | null> {
  const dir = apiPath.replace(/\{([^}]+)\}/g, "[$1]");
  const file = path.join(process.cwd(), "app", "api", "v1", dir, "route.ts");
  if (!existsSync(file)) return null;
  return (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
}

async function must(res: CallResult, status: number, what: string) {
  if (res.status !== status) throw new Error(`fuzz world: ${what} answered ${res.status} ${res.text.slice(0, 300)}`);
  return res.body;
}

async function seedWorld(): Promise<World> {
  const d = db();
  const admin = await createUser(d, { admin: true });
  const { partner, user: owner } = await createPartnerWithMember(d);
  const victim = await createPartnerWithMember(d, { status: "pending" });
  const { account, user: customer } = await createAccountWithMember(d);
  const cookies: Record<Actor, string> = {
    owner: await sessionCookie(owner.id),
    admin: await sessionCookie(admin.id),
    customer: await sessionCookie(customer.id),
  };
  const key = await createApiKey(d, partner.id, { scopes: ["read:*"], createdBy: owner.id });
  const spareKey = await createApiKey(d, partner.id, { scopes: ["read:*"], createdBy: owner.id });
  const contact = await createContact(d, partner.id);
  const spareContact = await createContact(d, partner.id);
  const agreement = await createAgreement(d, partner.id);

  const clients = (await routeModule("/oauth-clients"))!;
  const newClient = async (name: string) =>
    must(
      await callRoute(clients.POST, {
        path: "/api/v1/oauth-clients",
        cookie: cookies.owner,
        body: {
          name,
          type: "confidential",
          redirectUris: ["http://localhost:8976/cb"],
          grantTypes: ["authorization_code", "client_credentials", "refresh_token"],
          scopes: ["read:keys"],
        },
      }),
      201,
      "POST /oauth-clients",
    );
  const client = await newClient("fuzz client");
  const spareClient = await newClient("fuzz spare client");

  const endpoints = (await routeModule("/webhooks/endpoints"))!;
  const newEndpoint = async () =>
    must(
      await callRoute(endpoints.POST, { path: "/api/v1/webhooks/endpoints", cookie: cookies.owner, body: { url: "http://127.0.0.1:9/fuzz", eventTypes: ["*"] } }),
      201,
      "POST /webhooks/endpoints",
    );
  const endpoint = await newEndpoint();
  const spareEndpoint = await newEndpoint();

  const eventsRoute = (await routeModule("/events"))!;
  const event = await must(
    await callRoute(eventsRoute.POST, { path: "/api/v1/events", cookie: cookies.admin, body: { type: "lead.created", data: lead, partnerId: partner.id } }),
    202,
    "POST /events",
  );
  const deliveries = (await routeModule("/webhooks/deliveries"))!;
  const list = await must(await callRoute(deliveries.GET, { path: "/api/v1/webhooks/deliveries", cookie: cookies.owner }), 200, "GET /webhooks/deliveries");
  const replay = (await routeModule("/events/replay"))!;
  const replayBody = { endpointId: endpoint.id, from: new Date(Date.now() - 3600_000).toISOString(), to: new Date().toISOString() };
  const job = await must(await callRoute(replay.POST, { path: "/api/v1/events/replay", cookie: cookies.owner, body: replayBody }), 202, "POST /events/replay");
  const apps = (await routeModule("/applications"))!;
  const newApp = async (name: string) =>
    must(
      await callRoute(apps.POST, { path: "/api/v1/applications", cookie: cookies.owner, body: goodApplication({ name }) }),
      201,
      "POST /applications",
    );
  const app = await newApp("Fuzz App");
  const spareApp = await newApp("Fuzz Spare App");
  const unlistedApp = await newApp("Fuzz Unlisted App");
  const listing = await must(
    await callRoute(listingsRoute.POST, {
      path: "/api/v1/marketplace/listings",
      cookie: cookies.owner,
      body: { applicationId: app.id, tagline: "Fuzzed listing", description: "# Fuzz", category: "claims", pricing: { model: "free" } },
    }),
    201,
    "POST /marketplace/listings",
  );
  // Billing: an issued invoice (through a real run) and a pending payout of the world's partner.
  await setPlan(d, partner.id, { model: "flat_fee", flatFeeCents: 4900, effectiveFrom: "2026-01-01" });
  const run = await createRun(d, { kind: "invoices", period: "2026-02", partnerId: partner.id });
  await runToCompletion(d, run.id);
  const [invoice] = await d.select({ id: invoices.id }).from(invoices).where(eq(invoices.partnerId, partner.id));
  const [payout] = await d
    .insert(payouts)
    .values({ partnerId: partner.id, period: "2026-02", status: "processing", grossCents: 10_000, platformShareCents: 2000, amountCents: 8000 })
    .returning({ id: payouts.id });
  const [consent] = await d.insert(oauthConsents).values({ userId: customer.id, clientId: client.id, accountId: account.id, scopes: ["read:keys"] }).returning();
  const supportTickets = (await routeModule("/support/tickets"))!;
  const ticket = await must(
    await callRoute(supportTickets.POST, { path: "/api/v1/support/tickets", cookie: cookies.owner, body: { subject: "Fuzz ticket", body: "Fuzzing the support API." } }),
    201,
    "POST /support/tickets",
  );

  return {
    cookies,
    partnerId: partner.id,
    victimPartnerId: victim.partner.id,
    accountId: account.id,
    keyId: key.id,
    spareKeyId: spareKey.id,
    keyPlain: key.key,
    contactId: contact.id,
    spareContactId: spareContact.id,
    agreementId: agreement.id,
    clientId: client.id,
    spareClientId: spareClient.id,
    oauthClientId: client.clientId,
    oauthClientSecret: client.clientSecret,
    endpointId: endpoint.id,
    spareEndpointId: spareEndpoint.id,
    eventId: event.id,
    deliveryId: list.data[0]?.id ?? randomUUID(),
    replayJobId: job.id,
    consentId: consent.id,
    applicationId: app.id,
    spareApplicationId: spareApp.id,
    listingSlug: listing.slug,
    unlistedApplicationId: unlistedApp.id,
    integrationId: (await installIntegration(d, { account: { id: account.id } })).integration.id,
    invoiceId: invoice.id,
    payoutId: payout.id,
    runId: run.id,
    ticketId: ticket.id,
  };
}

/** A real id for a path parameter, so validation past the 404 is reached. Destructive operations get spares. */
function pathId(apiPath: string, method: Method, name: string): string {
  const segs = apiPath.split("/").filter(Boolean);
  const i = segs.indexOf(`{${name}}`);
  const resource = segs[i - 1];
  const after = segs[i + 1];
  const destructive = method === "DELETE" || ["revoke", "rotate-secret"].includes(after ?? "");
  switch (resource) {
    case "partners":
      return after === "activate" || after === "suspend" ? world.victimPartnerId : world.partnerId;
    case "contacts":
      return destructive ? world.spareContactId : world.contactId;
    case "agreements":
      return world.agreementId;
    case "keys":
      return destructive ? world.spareKeyId : world.keyId;
    case "oauth-clients":
      return destructive ? world.spareClientId : world.clientId;
    case "authorizations":
      return world.consentId;
    case "replay":
      return world.replayJobId;
    case "events":
      return world.eventId;
    case "endpoints":
      return destructive ? world.spareEndpointId : world.endpointId;
    case "deliveries":
      return world.deliveryId;
    case "applications":
      // Submit runs the checks on what the app holds: the spare is never PATCHed with fuzz values.
      return destructive || after === "submit" ? world.spareApplicationId : world.applicationId;
    case "listings":
      return world.listingSlug;
    case "integrations":
    case "installations":
      return world.integrationId;
    case "pricing":
    case "partner":
      return world.partnerId;
    case "invoices":
      return world.invoiceId;
    case "payouts":
      return world.payoutId;
    case "runs":
      return world.runId;
    case "tickets":
      return world.ticketId;
    default:
      return randomUUID(); // a resource this test does not know yet: still fuzzed, past a 404
  }
}

// ---------------------------------------------------------------- schema → valid-ish values

function resolve(schema: Json): Json {
  let s = schema;
  for (let i = 0; i < 10 && s?.$ref; i++) s = doc.components.schemas[String(s.$ref).split("/").pop()!];
  if (s?.anyOf) return resolve(s.anyOf.find((x: Json) => resolve(x)?.type !== "null") ?? s.anyOf[0]);
  if (s?.oneOf) return resolve(s.oneOf[0]);
  if (s?.allOf && !s.type) return resolve(s.allOf[0]);
  return s ?? {};
}

function typeOf(s: Json): string | undefined {
  const t = s.type;
  if (Array.isArray(t)) return t.find((x: string) => x !== "null");
  return t ?? (s.properties ? "object" : s.items ? "array" : undefined);
}

/** A plausible value by field name first (semantic checks beyond the schema), then by type/format/pattern. */
function plausible(schema: Json, name: string): unknown {
  const s = resolve(schema);
  if (s.default !== undefined && s.default !== null && !(Array.isArray(s.default) && !s.default.length)) return s.default;
  if (s.enum) return s.enum[0];
  if (s.const !== undefined) return s.const;
  const hints: Record<string, unknown> = {
    url: "http://127.0.0.1:9/fuzz",
    website: "https://example.com",
    email: "fuzz@example.com",
    country: "US",
    phone: "+1 555 0100",
    partnerId: world.partnerId,
    accountId: world.accountId,
    endpointId: world.endpointId,
    eventId: world.eventId,
    keyId: world.keyId,
    scopes: ["read:keys"],
    eventTypes: ["lead.*"],
    types: ["lead.*"],
    ids: [world.deliveryId],
    redirectUris: [],
    grantTypes: ["client_credentials"],
    key: world.keyPlain,
    data: lead,
    payloadSchema: { type: "object" },
    examplePayload: {},
    reason: "fuzzing the API",
    period: "2026-01",
  };
  if (name in hints) return hints[name];
  const type = typeOf(s);
  switch (type) {
    case "string": {
      if (s.format === "uuid") return randomUUID();
      if (s.format === "date-time") return new Date(Date.now() - 3600_000).toISOString();
      if (s.format === "date") return new Date().toISOString().slice(0, 10);
      if (s.format === "email") return "fuzz@example.com";
      if (s.format === "uri") return "https://example.com/fuzz";
      const candidates = ["fuzz", "fuzz.case", "lead.created", "fuzz-case", "+1 555 0100", "2026-01", "1.0.0", "US"];
      const ok = (v: string) =>
        (!s.pattern || new RegExp(s.pattern).test(v)) && v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);
      return candidates.find(ok) ?? "fuzz".padEnd(s.minLength ?? 4, "z");
    }
    case "integer":
    case "number":
      return Math.max(s.minimum ?? 1, Math.min(1, s.maximum ?? 1));
    case "boolean":
      return false;
    case "array": {
      const min = s.minItems ?? 0;
      return min > 0 ? [plausible(s.items ?? {}, `${name}[]`)] : [];
    }
    case "object": {
      const out: Record<string, unknown> = {};
      for (const req of s.required ?? []) out[req] = plausible(s.properties?.[req] ?? {}, req);
      return out;
    }
    default:
      return "fuzz";
  }
}

/** The baseline body: what the schema requires, filled plausibly, plus overrides that pass semantic checks. */
function baselineBody(op: string, schema: Json): Record<string, unknown> {
  const overrides: Record<string, Record<string, unknown>> = {
    "POST /events": { type: "lead.created", data: lead, partnerId: world.partnerId },
    "POST /event-types": { name: "fuzz.case", description: "fuzz", payloadSchema: { type: "object" }, examplePayload: {} },
    "POST /events/replay": { endpointId: world.endpointId, from: new Date(Date.now() - 3600_000).toISOString(), to: new Date().toISOString() },
    "POST /oauth-clients": { name: "fuzz", type: "confidential", redirectUris: [], grantTypes: ["client_credentials"], scopes: ["read:keys"] },
    "POST /webhooks/endpoints": { url: "http://127.0.0.1:9/fuzz", eventTypes: ["lead.*"] },
    "POST /webhooks/endpoints/{id}/test": { type: "lead.created" },
    "POST /applications": { name: "Fuzz Created App" },
    "POST /applications/{id}/reject": { reason: "Fuzzing the reason field." },
    "POST /marketplace/listings": { applicationId: world.unlistedApplicationId, category: "claims", pricing: { model: "free" }, screenshots: [], tags: [] },
    "PATCH /marketplace/listings/{slug}": { category: "claims", pricing: { model: "free" } },
    "POST /marketplace/listings/{slug}/delist": { reason: "Fuzzing the reason field." },
    "PATCH /marketplace/reviews/{id}": { rating: 3 },
    "PATCH /integrations/{id}": { config: { apiBaseUrl: "https://agency.example.com/api" } },
    "POST /integrations/{id}/mappings/preview": { event: { type: "lead.created" } },
    "PUT /billing/pricing/{partnerId}": { model: "flat_fee", flatFeeCents: 4900 },
    "PUT /billing/pricing/default": { model: "flat_fee", flatFeeCents: 4900 },
    "POST /billing/pricing/{partnerId}/preview": { model: "flat_fee", flatFeeCents: 4900 },
    "PATCH /support/tickets/{id}": { priority: "high" },
    "POST /support/tickets/{id}/satisfaction": { rating: 4 },
    "POST /applications/{id}/deprecate": { sunsetAt: new Date(Date.now() + 60 * 86_400_000).toISOString(), message: "fuzz" },
  };
  const base = (plausible(schema, "(body)") ?? {}) as Record<string, unknown>;
  return { ...base, ...(overrides[op] ?? {}) };
}

/** Field paths to fuzz: every property, one level into objects (declared or present in the baseline) and arrays. */
function bodyTargets(schema: Json, baseline: Record<string, unknown>): string[][] {
  const s = resolve(schema);
  const out: string[][] = [];
  for (const [name, raw] of Object.entries<Json>(s.properties ?? {})) {
    out.push([name]);
    const sub = resolve(raw);
    const value = baseline[name];
    const t = typeOf(sub);
    if (t === "object") {
      const keys = new Set([...Object.keys(sub.properties ?? {}), ...(value && typeof value === "object" ? Object.keys(value) : [])]);
      for (const k of keys) out.push([name, k]);
    } else if (t === "array") {
      out.push([name, "0"]);
    }
  }
  return out;
}

function withValue(base: Record<string, unknown>, at: string[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  let cur: Json = copy;
  for (let i = 0; i < at.length - 1; i++) {
    const k = at[i];
    if (cur[k] === null || typeof cur[k] !== "object") cur[k] = /^\d+$/.test(at[i + 1]) ? [] : {};
    cur = cur[k];
  }
  cur[at[at.length - 1]] = value;
  return copy;
}

// ---------------------------------------------------------------- checks

type Case = { where: "path" | "query" | "header" | "body" | "cookie" | "raw"; target: string; label: string; unsafe?: boolean; nameField?: boolean };

function isProblem(res: CallResult) {
  return (
    (res.headers.get("content-type") ?? "").startsWith("application/problem+json") &&
    typeof res.body?.code === "string" &&
    typeof res.body?.requestId === "string" &&
    !!res.body.requestId
  );
}

/** Does `errors[].path` name the field (itself, a part of it, or — not root — the object holding it)? */
function names(res: CallResult, target: string): boolean {
  const paths: string[] = (res.body?.errors ?? []).map((e: { path?: unknown }) => String(e.path ?? ""));
  return paths.some((p) => p === target || p.startsWith(`${target}.`) || (target.startsWith(`${p}.`) && p !== "(root)" && p !== "(body)"));
}

/** Per operation: how many requests answered which status (printed with FUZZ_VERBOSE=1). */
const coverage = new Map<string, Map<string, number>>();

function check(op: string, actor: string, c: Case, res: CallResult) {
  const statuses = coverage.get(op) ?? new Map<string, number>();
  coverage.set(op, statuses);
  const sk = `${res.status}${res.body?.code ? ` ${res.body.code}` : ""}`;
  statuses.set(sk, (statuses.get(sk) ?? 0) + 1);
  const base = { op, actor, where: c.where, target: c.target, label: c.label, status: res.status, code: String(res.body?.code ?? "") };
  if (res.status >= 500) {
    fail({ ...base, kind: "5xx", detail: logged[0] ?? res.body?.detail ?? res.text });
    return;
  }
  if (res.status >= 400 && !isProblem(res)) {
    fail({ ...base, kind: "not problem+json", detail: `${res.headers.get("content-type")} ${res.text}` });
    return;
  }
  if ((res.status === 400 || res.status === 422) && c.nameField && !names(res, c.target)) {
    fail({ ...base, kind: "field not named", detail: `errors: ${JSON.stringify((res.body?.errors ?? []).map((e: Json) => e.path))} ${res.body?.detail}` });
    return;
  }
  if (res.status < 400 && c.unsafe) {
    fail({ ...base, kind: "NUL/surrogate accepted", detail: `answered ${res.status}; expected ${c.where === "body" ? 422 : 400} naming ${c.target}` });
  }
}

async function send(handler: Handler, opts: CallOptions): Promise<CallResult> {
  logged = [];
  try {
    return await callRoute(handler, opts);
  } catch (err) {
    // callRoute itself never throws for an answer; a throw is the handler escaping the wrapper.
    logged.push(`handler threw: ${(err as Error).message}`);
    return { status: 599, headers: new Headers(), body: undefined, text: (err as Error).stack ?? String(err) };
  }
}

// ---------------------------------------------------------------- operations

type Operation = {
  name: string; // "POST /keys/{id}/rotate"
  method: Method;
  apiPath: string;
  handler: Handler;
  pathParams: string[];
  query: Array<{ name: string; schema: Json }>;
  headers: Array<{ name: string }>;
  body?: Json;
};

async function operations(): Promise<{ ops: Operation[]; missing: string[] }> {
  const ops: Operation[] = [];
  const missing: string[] = [];
  for (const [apiPath, item] of Object.entries(doc.paths)) {
    const mod = await routeModule(apiPath);
    for (const method of METHODS) {
      const o = item[method.toLowerCase()];
      if (!o) continue;
      const handler = mod?.[method];
      if (!handler) {
        missing.push(`${method} ${apiPath}`);
        continue;
      }
      const params = [...(item.parameters ?? []), ...(o.parameters ?? [])] as Json[];
      ops.push({
        name: `${method} ${apiPath}`,
        method,
        apiPath,
        handler,
        pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
        query: params.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        headers: params.filter((p) => p.in === "header").map((p) => ({ name: p.name })),
        body: o.requestBody?.content?.["application/json"]?.schema,
      });
    }
  }
  // Reads first, then writes, deletions last: a deletion must not take the world away from the rest.
  const rank = (m: Method) => ({ GET: 0, PUT: 1, PATCH: 1, POST: 2, DELETE: 3 })[m];
  ops.sort((a, b) => rank(a.method) - rank(b.method));
  return { ops, missing };
}

function urlFor(op: Operation, params: Record<string, string>, query?: URLSearchParams) {
  let p = `/api/v1${op.apiPath}`;
  for (const [k, v] of Object.entries(params)) p = p.replace(`{${k}}`, pathSegment(v));
  const qs = query?.toString();
  return qs ? `${p}?${qs}` : p;
}

const uniqueStrings = (list: Hostile[]) => list.filter((h, i) => list.findIndex((x) => x.value === h.value) === i);

/** Query and path values are strings; JSON-only values are sent as their JSON text. */
const stringCorpus: Hostile[] = uniqueStrings([
  ...hostileStrings,
  ...hostileBodyValues.filter((h) => typeof h.value !== "string").map((h) => ({ ...h, value: JSON.stringify(h.value) })),
]);

async function fuzzOperation(op: Operation) {
  const params = Object.fromEntries(op.pathParams.map((n) => [n, pathId(op.apiPath, op.method, n)]));
  const bodyBase = op.body ? baselineBody(op.name, op.body) : undefined;

  // Who calls: the owner and the admin where their valid request succeeds (admins reach other branches: other
  // partners' data, admin-only filters); else the customer; else the first caller not refused outright
  // (401/403/404: nothing past authorization would be reached).
  const tried: Array<{ actor: Actor; res: CallResult }> = [];
  for (const a of ["owner", "admin", "customer"] as Actor[]) {
    const res = await send(op.handler, { method: op.method, path: urlFor(op, params), params, cookie: world.cookies[a], body: bodyBase });
    check(op.name, a, { where: "raw", target: "(baseline)", label: "valid request" }, res);
    tried.push({ actor: a, res });
  }
  const ok = tried.filter((t) => t.res.status < 300);
  const chosen = ok.filter((t) => t.actor !== "customer");
  const fuzzers = chosen.length ? chosen : ok.length ? ok : [tried.find((t) => ![401, 403, 404].includes(t.res.status)) ?? tried[0]];
  const { actor, res: baseline } = fuzzers[0];
  if (baseline.status === 400 || baseline.status === 422) {
    // The test's own valid body is refused: field-naming checks would be meaningless. Fix the overrides above.
    fail({ op: op.name, actor, where: "raw", target: "(baseline)", label: "valid request", status: baseline.status, code: baseline.body?.code, kind: "baseline refused (test needs a better body)", detail: short(JSON.stringify(baseline.body?.errors ?? baseline.body?.detail)) });
  }
  for (const { actor: who } of fuzzers) await fuzzAs(who);

  async function fuzzAs(actor: Actor) {
    const cookie = world.cookies[actor];
    const call = (c: Case, opts: Partial<CallOptions>) =>
      send(op.handler, { method: op.method, path: urlFor(op, params), params, cookie, body: opts.rawBody !== undefined ? undefined : bodyBase, ...opts }).then((res) =>
        check(op.name, actor, c, res),
      );

    // Path parameters: a bad id is 404 (or 400 naming it).
    for (const name of op.pathParams) {
      for (const h of stringCorpus) {
        const p = { ...params, [name]: String(h.value) };
        await call({ where: "path", target: name, label: h.label, nameField: true }, { params: p, path: urlFor(op, p) });
      }
    }

    // Query parameters, one at a time, plus repeated and unknown ones.
    for (const q of op.query) {
      for (const h of stringCorpus) {
        const qs = new URLSearchParams({ [q.name]: String(h.value) });
        // In a URL a lone surrogate can only arrive as invalid UTF-8, which decodes to U+FFFD: only NUL stays unsafe.
        await call({ where: "query", target: q.name, label: h.label, unsafe: String(h.value).includes("\u0000"), nameField: true }, { path: urlFor(op, params, qs) });
      }
      const rep = new URLSearchParams([
        [q.name, "1"],
        [q.name, "2"],
      ]);
      await call({ where: "query", target: q.name, label: "repeated", nameField: true }, { path: urlFor(op, params, rep) });
    }
    if (op.method === "GET") {
      await call({ where: "query", target: "(unknown)", label: "unknown NUL-named param" }, { path: `${urlFor(op, params)}?%00=%00&%ED%A0%80=1` });
    }

    // Header parameters (Idempotency-Key): only values a header can carry at all. Idempotency keys are scoped to
    // the caller, not the route: non-blank values get a per-operation suffix so each reaches its own handler.
    for (const hp of op.headers) {
      for (const h of hostileStrings.filter((x) => typeof x.value === "string" && isHeaderSafe(x.value as string) && (x.value as string).length < 10_000)) {
        const v = String(h.value);
        await call({ where: "header", target: hp.name, label: h.label, nameField: true }, { headers: { [hp.name]: v.trim() ? `${v} ${op.name}` : v } });
      }
    }

    // Body fields.
    if (op.body && bodyBase) {
      for (const at of bodyTargets(op.body, bodyBase)) {
        const target = at.join(".");
        for (const h of hostileBodyValues) {
          await call({ where: "body", target, label: h.label, unsafe: h.unsafe, nameField: true }, { body: withValue(bodyBase, at, h.value) });
        }
        // A hostile key inside an object field (or at the root when the field is the root's child).
        const parent = at.slice(0, -1);
        if (parent.length === 0 && at.length === 1) {
          const v = bodyBase[at[0]];
          if (v && typeof v === "object" && !Array.isArray(v)) {
            await call({ where: "body", target, label: "NUL key inside", unsafe: true, nameField: true }, { body: withValue(bodyBase, [...at, "a\u0000b"], 1) });
            await call({ where: "body", target, label: "lone-surrogate key inside", unsafe: true, nameField: true }, { body: withValue(bodyBase, [...at, "\ud800"], 1) });
          }
        }
      }
      await call({ where: "body", target: "(root)", label: "NUL key at root", unsafe: true }, { body: { ...bodyBase, "\u0000": 1 } });
      // Deep JSON inside every free-form field (a record or `unknown`: those reach jsonb and recursive code), else the first field.
      const props = Object.entries<Json>(resolve(op.body).properties ?? {});
      const freeForm = props.filter(([, v]) => {
        const r = resolve(v);
        return !typeOf(r) || (typeOf(r) === "object" && !r.properties);
      });
      const deepFields = freeForm.length ? freeForm.map(([k]) => k) : [props[0]?.[0] ?? "deep"];
      const marker = '"__DEEP__"';
      for (const deepAt of deepFields) {
        const text = JSON.stringify({ ...bodyBase, [deepAt]: "__DEEP__" });
        const nest = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);
        await call({ where: "body", target: deepAt, label: "JSON arrays nested 10,000 deep" }, { rawBody: text.replace(marker, "[".repeat(10_000) + "]".repeat(10_000)) });
        await call({ where: "body", target: deepAt, label: "JSON objects nested 10,000 deep" }, { rawBody: text.replace(marker, nest(10_000)) });
        await call({ where: "body", target: deepAt, label: "JSON objects nested 100 deep" }, { rawBody: text.replace(marker, nest(100)) });
        await call({ where: "body", target: deepAt, label: "JSON objects nested 50 deep" }, { rawBody: text.replace(marker, nest(50)) });
      }
    }

    // Whole bodies: deep, invalid, not objects, not JSON, too large.
    if (op.method !== "GET") {
      for (const r of hostileRawBodies) {
        await call({ where: "raw", target: "(body)", label: r.label }, { rawBody: r.body, headers: r.contentType ? { "content-type": r.contentType } : {} });
      }
    }
  }

  // A malformed session cookie is no session: the same answer as no cookie at all.
  const anon = await send(op.handler, { method: op.method, path: urlFor(op, params), params, body: bodyBase });
  for (const bad of MALFORMED_SESSION_COOKIES) {
    const res = await send(op.handler, { method: op.method, path: urlFor(op, params), params, cookie: bad, body: bodyBase });
    const c: Case = { where: "cookie", target: "next-auth.session-token", label: bad.slice(0, 40) };
    check(op.name, "(malformed cookie)", c, res);
    if (res.status < 500 && res.status !== anon.status) {
      fail({ op: op.name, actor: "(malformed cookie)", where: "cookie", target: c.target, label: c.label, status: res.status, code: res.body?.code, kind: "cookie not signed out", detail: `no cookie answers ${anon.status}` });
    }
  }
  // ...and next to a valid one, it must not break the valid session.
  const mixed = await send(op.handler, { method: op.method, path: urlFor(op, params), params, cookie: `broken=%E0%A4%A; ${world.cookies[actor]}`, body: bodyBase });
  check(op.name, actor, { where: "cookie", target: "(other cookie)", label: "malformed neighbour cookie" }, mixed);
}

// ---------------------------------------------------------------- tests

let started = 0;
beforeAll(async () => {
  started = Date.now();
  world = await seedWorld();
  // A 500 logs its cause: keep it for the failure table instead of flooding the output.
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    const cause = (a: unknown) => (a as { cause?: Error }).cause?.message;
    logged.push(args.map((a) => (a instanceof Error ? `${a.message}${cause(a) ? ` (cause: ${cause(a)})` : ""}` : String(a))).join(" "));
  });
}, 120_000);

afterAll(() => {
  vi.restoreAllMocks();
  console.log(`api-fuzz: ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

describe("fuzz: every /api/v1 operation in the OpenAPI document", () => {
  it("never answers 5xx, answers problem+json naming the field, and refuses NUL/lone surrogates", { timeout: 600_000 }, async () => {
    const { ops, missing } = await operations();
    expect(missing, "documented operations without a handler").toEqual([]);
    expect(ops.length).toBeGreaterThan(40);
    const before = failures.length;
    for (const op of ops) await fuzzOperation(op);
    const mine = failures.slice(before);
    if (process.env.FUZZ_VERBOSE) {
      for (const [op, st] of coverage) console.log(`${op}: ${[...st].map(([k, n]) => `${k}×${n}`).join(", ")}`);
    }
    printTable("API fuzz", mine);
    expect(mine.map((f) => `${f.kind} | ${f.op} | ${f.where}:${f.target} | ${f.label} | ${f.status} ${f.code}`)).toEqual([]);
  });

  it("answers every undocumented method of every route file with 405 problem+json and Allow", { timeout: 60_000 }, async () => {
    const bad: string[] = [];
    for (const [apiPath, item] of Object.entries(doc.paths)) {
      const mod = await routeModule(apiPath);
      if (!mod) continue;
      const documented = METHODS.filter((m) => item[m.toLowerCase()]);
      for (const m of METHODS.filter((x) => !documented.includes(x))) {
        const h = mod[m];
        if (!h) {
          bad.push(`${m} ${apiPath}: no handler (Next answers an empty 405 without Allow)`);
          continue;
        }
        const res = await send(h, { method: m, path: `/api/v1${apiPath}`, params: {}, cookie: world.cookies.owner });
        const allow = (res.headers.get("allow") ?? "").split(",").map((s) => s.trim());
        if (res.status !== 405 || !isProblem(res) || !documented.every((d) => allow.includes(d))) {
          bad.push(`${m} ${apiPath}: ${res.status} ${res.headers.get("content-type")} Allow=${res.headers.get("allow")}`);
        }
      }
    }
    if (bad.length) console.log(`\n405 checks:\n${bad.join("\n")}`);
    expect(bad).toEqual([]);
  });

  it("event types: a recursive or hostile payload schema is refused or harmless, never a 500", { timeout: 120_000 }, async () => {
    const mod = (await routeModule("/event-types"))!;
    const events = (await routeModule("/events"))!;
    const schemas: Array<[string, Record<string, unknown>]> = [
      ["$ref: #", { type: "object", properties: { a: { $ref: "#" } } }],
      ["$defs loop", { type: "object", $defs: { a: { $ref: "#/$defs/b" }, b: { $ref: "#/$defs/a" } }, properties: { x: { $ref: "#/$defs/a" } } }],
      ["self $ref at root", { type: "object", $ref: "#" }],
      ["remote $ref", { type: "object", properties: { a: { $ref: "http://169.254.169.254/latest/meta-data" } } }],
      // 26 a's and a '!' take ~2 s to fail with a backtracking regex engine (28: ~9 s): enough to see, not enough to hang CI.
      ["catastrophic pattern", { type: "object", properties: { a: { type: "string", pattern: "^(a+)+$" } } }],
      ["catastrophic patternProperties", { type: "object", patternProperties: { "^(a+)+$": { type: "string" } } }],
      ["invalid pattern", { type: "object", properties: { a: { type: "string", pattern: "(" } } }],
      ["unknown keyword / bad type", { type: "object", properties: { a: { type: "nonsense" } } }],
      ["deep schema 60", { type: "object", properties: JSON.parse('{"a":'.repeat(60) + "{}" + "}".repeat(60)) }],
    ];
    const bad: string[] = [];
    let n = 0;
    for (const [label, payloadSchema] of schemas) {
      const name = `fuzz.schema_${n++}`;
      const res = await send(mod.POST, { path: "/api/v1/event-types", cookie: world.cookies.admin, body: { name, description: label, payloadSchema, examplePayload: {} } });
      if (res.status >= 500 || (res.status >= 400 && !isProblem(res))) bad.push(`POST /event-types ${label}: ${res.status} ${short(logged[0] ?? res.text)}`);
      if (res.status < 300) {
        // Accepted: publishing an event of that type must still not be a 500 (the schema compiles, or is refused then).
        const evil = `${"a".repeat(26)}!`;
        const t0 = Date.now();
        const pub = await send(events.POST, { path: "/api/v1/events", cookie: world.cookies.admin, body: { type: name, data: { a: evil, [evil]: "x", x: {} } } });
        const ms = Date.now() - t0;
        if (pub.status >= 500 || (pub.status >= 400 && !isProblem(pub))) bad.push(`POST /events of type with ${label}: ${pub.status} ${short(logged[0] ?? pub.text)}`);
        if (ms > 1000) bad.push(`POST /events of type with ${label}: took ${ms} ms (the schema backtracks exponentially; refuse it at POST /event-types)`);
      }
    }
    if (bad.length) console.log(`\nevent-type schema checks:\n${bad.join("\n")}`);
    expect(bad).toEqual([]);
  });
});

// ---------------------------------------------------------------- OAuth endpoints (RFC 6749 form bodies)

describe("fuzz: OAuth token, introspection and revocation endpoints", () => {
  it("never answers 5xx or server_error; errors are RFC 6749 codes", { timeout: 300_000 }, async () => {
    const bad: Failure[] = [];
    const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;
    const goodBasic = () => basic(world.oauthClientId, world.oauthClientSecret);
    const endpoints: Array<{ name: string; handler: Handler; forms: Array<Record<string, string>> }> = [
      {
        name: "POST /api/oauth/token",
        handler: tokenRoute.POST as Handler,
        forms: [
          { grant_type: "client_credentials", scope: "read:keys" },
          { grant_type: "authorization_code", code: "abc", redirect_uri: "http://localhost:8976/cb", code_verifier: "v".repeat(43) },
          { grant_type: "refresh_token", refresh_token: "abc", scope: "read:keys" },
        ],
      },
      { name: "POST /api/oauth/introspect", handler: introspectRoute.POST as Handler, forms: [{ token: "abc", token_type_hint: "access_token" }] },
      { name: "POST /api/oauth/revoke", handler: revokeRoute.POST as Handler, forms: [{ token: "abc", token_type_hint: "refresh_token" }] },
    ];
    const post = async (name: string, handler: Handler, target: string, label: string, rawBody: string, headers: Record<string, string>) => {
      logged = [];
      let res: CallResult;
      try {
        res = await callRoute(handler, { method: "POST", path: name.split(" ")[1], rawBody, headers: { "content-type": "application/x-www-form-urlencoded", ...headers } });
      } catch (err) {
        res = { status: 599, headers: new Headers(), body: undefined, text: String(err) };
      }
      const f = { op: name, actor: headers.authorization ? "basic" : "form", where: "form", target, label, status: res.status, code: String(res.body?.error ?? "") };
      if (res.status >= 500 || res.body?.error === "server_error") bad.push({ ...f, kind: "5xx / server_error", detail: logged[0] ?? res.text });
      else if (res.status >= 400 && !OAUTH_ERROR_CODES.has(res.body?.error)) bad.push({ ...f, kind: "not an RFC 6749 error", detail: res.text });
    };
    const encode = (form: Record<string, string>) => new URLSearchParams(form).toString();
    // Form-encoded hostile values: what URLSearchParams sends, plus raw encodings it cannot produce.
    const formValues = hostileStrings.filter((h) => (h.value as string).length <= 20_000);
    const rawValues = [
      ["%00", "%00"],
      ["lone surrogate as UTF-8 bytes", "%ED%A0%80"],
      ["bad percent-encoding", "%E0%A4%A"],
      ["lone %", "%"],
      ["invalid UTF-8", "%FF%FE"],
    ];
    for (const ep of endpoints) {
      for (const form of ep.forms) {
        const fields = [...Object.keys(form), "client_id", "client_secret"];
        for (const field of fields) {
          for (const h of formValues) {
            // client_id / client_secret in the form (client_secret_post); the rest with Basic.
            const post_ = field === "client_id" || field === "client_secret";
            const f = post_ ? { ...form, client_id: world.oauthClientId, client_secret: world.oauthClientSecret, [field]: String(h.value) } : { ...form, [field]: String(h.value) };
            await post(ep.name, ep.handler, field, h.label, encode(f), post_ ? {} : { authorization: goodBasic() });
          }
          for (const [label, raw] of rawValues) {
            const rest = encode(Object.fromEntries(Object.entries(form).filter(([k]) => k !== field)));
            await post(ep.name, ep.handler, field, label, `${rest}&${field}=${raw}`, field.startsWith("client_") ? {} : { authorization: goodBasic() });
          }
        }
        const body = encode(form);
        await post(ep.name, ep.handler, "(form)", "repeated parameter", `${body}&${body}`, { authorization: goodBasic() });
        await post(ep.name, ep.handler, "(form)", "NUL parameter name", `${body}&%00=1`, { authorization: goodBasic() });
        await post(ep.name, ep.handler, "(form)", "100 KB body", `${body}&pad=${"x".repeat(100_000)}`, { authorization: goodBasic() });
        await post(ep.name, ep.handler, "(form)", "2 MB body", `${body}&pad=${"x".repeat(2_000_000)}`, { authorization: goodBasic() });
        await post(ep.name, ep.handler, "(form)", "empty body", "", { authorization: goodBasic() });
        await post(ep.name, ep.handler, "(form)", "JSON body", JSON.stringify(form), { authorization: goodBasic(), "content-type": "application/json" });
        await post(ep.name, ep.handler, "(form)", "deep JSON body", "[".repeat(10_000), { authorization: goodBasic(), "content-type": "application/json" });
        await post(ep.name, ep.handler, "(form)", "malformed session cookie", body, { authorization: goodBasic(), cookie: MALFORMED_SESSION_COOKIES[0] });
        const badAuth: Array<[string, string]> = [
          ["Basic garbage", "Basic !!!"],
          ["Basic without colon", `Basic ${Buffer.from("nocolon").toString("base64")}`],
          ["Basic bad percent-encoding", `Basic ${Buffer.from("%E0%A4%A:secret").toString("base64")}`],
          ["Basic NUL id", `Basic ${Buffer.from("%00:%00").toString("base64")}`],
          ["Basic raw NUL", `Basic ${Buffer.from("\u0000:\u0000").toString("base64")}`],
          ["Basic invalid UTF-8", `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x41]).toString("base64")}`],
          ["Basic lone surrogate (encoded)", `Basic ${Buffer.from("%ED%A0%80:x").toString("base64")}`],
          ["Basic huge", `Basic ${Buffer.from(`${"a".repeat(50_000)}:b`).toString("base64")}`],
          ["Basic unknown client", basic("prtc_nope", "secret")],
          ["Bearer instead of Basic", "Bearer abc"],
          ["Basic empty", "Basic "],
        ];
        for (const [label, authorization] of badAuth) await post(ep.name, ep.handler, "Authorization", label, body, { authorization });
      }
    }
    printTable("OAuth fuzz", bad);
    expect(bad.map((f) => `${f.kind} | ${f.op} | ${f.target} | ${f.label} | ${f.status} ${f.code}`)).toEqual([]);
  });
});

describe("after the fuzzing", () => {
  it("the server is healthy: /api/health and GET /me still answer", async () => {
    const health = await callRoute(healthRoute.GET as Handler, { path: "/api/health" });
    expect(health.status, health.text).toBe(200);
    const me = await callRoute(meRoute.GET as Handler, { path: "/api/v1/me", cookie: world.cookies.owner });
    expect(me.status, me.text).toBe(200);
    expect(me.body.partnerId).toBe(world.partnerId);
  });
});
