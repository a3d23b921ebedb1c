import { describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/keys/route";
import * as rotateKeyRoute from "@/app/api/v1/keys/[id]/rotate/route";
import * as clientsRoute from "@/app/api/v1/oauth-clients/route";
import * as clientRoute from "@/app/api/v1/oauth-clients/[id]/route";
import * as rotateClientRoute from "@/app/api/v1/oauth-clients/[id]/rotate-secret/route";
import * as endpointsRoute from "@/app/api/v1/webhooks/endpoints/route";
import * as endpointSecretRoute from "@/app/api/v1/webhooks/endpoints/[id]/secret/route";
import * as rotateEndpointRoute from "@/app/api/v1/webhooks/endpoints/[id]/rotate-secret/route";
import * as appsRoute from "@/app/api/v1/applications/route";
import * as appRoute from "@/app/api/v1/applications/[id]/route";
import * as publishAppRoute from "@/app/api/v1/applications/[id]/publish/route";
import * as appSecretRoute from "@/app/api/v1/applications/[id]/signing-secret/route";
import * as rotateAppSecretRoute from "@/app/api/v1/applications/[id]/signing-secret/rotate/route";
import { openApiDocument } from "@/lib/openapi/document";
import { adminCookie, goodApplication, step as appStep } from "@/lib/testing/application-fixtures";
import { callRoute, type CallResult } from "@/lib/testing/call-route";
import { createApiKey, createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

// The class of issue 12.1: an operation that yields, re-keys or widens a credential
// must refuse a caller who lacks any scope the credential carries. Every such
// operation is listed here and walked with a narrow credential; the list is checked
// against the OpenAPI document, so a new credential route without a case fails.

const db = useTestDb();

type World = { owner: string; partnerId: string };
type Handler = Parameters<typeof callRoute>[0];
type Step = { handler: Handler; method: string; path: string; params?: Record<string, string>; body?: unknown };

type CeilingCase = {
  /** "METHOD /path" as in the OpenAPI document. */
  op: string;
  what: string;
  /** The route's own scope(s): the narrow credential holds these and nothing the credential carries beyond them. */
  narrowScopes: string[];
  /** Creates the credential acted on (as the owner) and returns the request that would yield, re-key or widen it. */
  arrange: (w: World) => Promise<Step>;
  /** The code a narrow caller gets: SCOPE_CEILING, or INSUFFICIENT_SCOPE where the route's scope already is the ceiling. */
  code: "SCOPE_CEILING" | "INSUFFICIENT_SCOPE";
};

const clientBody = (scopes: string[]) => ({
  name: "broad client",
  type: "confidential",
  redirectUris: ["https://app.example.com/cb"],
  grantTypes: ["client_credentials", "authorization_code", "refresh_token"],
  scopes,
});
const BROAD = ["read:*", "write:*", "manage:*"];

async function asOwner(w: World, step: Step): Promise<CallResult> {
  const res = await callRoute(step.handler, { method: step.method, path: step.path, params: step.params, body: step.body, cookie: w.owner });
  expect(res.status, `${step.method} ${step.path} as the owner: ${res.text}`).toBeLessThan(300);
  return res;
}

async function broadClient(w: World) {
  return (await asOwner(w, { handler: clientsRoute.POST, method: "POST", path: "/api/v1/oauth-clients", body: clientBody(BROAD) })).body;
}

async function endpoint(w: World) {
  return (
    await asOwner(w, { handler: endpointsRoute.POST, method: "POST", path: "/api/v1/webhooks/endpoints", body: { url: "https://hooks.example.com/c", eventTypes: ["*"] } })
  ).body;
}

const CASES: CeilingCase[] = [
  {
    op: "POST /keys",
    what: "create a key broader than the caller",
    narrowScopes: ["write:keys"],
    code: "SCOPE_CEILING",
    arrange: async () => ({ handler: keysRoute.POST, method: "POST", path: "/api/v1/keys", body: { name: "wide", scopes: ["manage:*"] } }),
  },
  {
    op: "POST /keys/{id}/rotate",
    what: "rotate a broader key",
    narrowScopes: ["write:keys"],
    code: "SCOPE_CEILING",
    arrange: async (w) => {
      const broad = await createApiKey(db(), w.partnerId, { scopes: BROAD });
      return { handler: rotateKeyRoute.POST, method: "POST", path: `/api/v1/keys/${broad.id}/rotate`, params: { id: broad.id }, body: {} };
    },
  },
  {
    op: "POST /oauth-clients",
    what: "create a client broader than the caller",
    narrowScopes: ["write:applications"],
    code: "SCOPE_CEILING",
    arrange: async () => ({ handler: clientsRoute.POST, method: "POST", path: "/api/v1/oauth-clients", body: clientBody(BROAD) }),
  },
  {
    op: "POST /oauth-clients/{id}/rotate-secret",
    what: "rotate a broader client's secret",
    narrowScopes: ["write:applications"],
    code: "SCOPE_CEILING",
    arrange: async (w) => {
      const c = await broadClient(w);
      return { handler: rotateClientRoute.POST, method: "POST", path: `/api/v1/oauth-clients/${c.id}/rotate-secret`, params: { id: c.id } };
    },
  },
  {
    op: "PATCH /oauth-clients/{id}",
    what: "widen a client's scopes",
    narrowScopes: ["write:applications", "read:keys"],
    code: "SCOPE_CEILING",
    arrange: async (w) => {
      const c = (await asOwner(w, { handler: clientsRoute.POST, method: "POST", path: "/api/v1/oauth-clients", body: clientBody(["read:keys"]) })).body;
      return { handler: clientRoute.PATCH, method: "PATCH", path: `/api/v1/oauth-clients/${c.id}`, params: { id: c.id }, body: { scopes: ["read:keys", "manage:*"] } };
    },
  },
  {
    op: "PATCH /oauth-clients/{id}",
    what: "add a redirect URI to a broader client (a new way to obtain its tokens)",
    narrowScopes: ["write:applications"],
    code: "SCOPE_CEILING",
    arrange: async (w) => {
      const c = await broadClient(w);
      return {
        handler: clientRoute.PATCH,
        method: "PATCH",
        path: `/api/v1/oauth-clients/${c.id}`,
        params: { id: c.id },
        body: { redirectUris: ["https://app.example.com/cb", "https://attacker.example.com/cb"] },
      };
    },
  },
  {
    op: "POST /webhooks/endpoints",
    what: "create an endpoint (yields its signing secret)",
    narrowScopes: ["read:webhooks"],
    code: "INSUFFICIENT_SCOPE",
    arrange: async () => ({ handler: endpointsRoute.POST, method: "POST", path: "/api/v1/webhooks/endpoints", body: { url: "https://hooks.example.com/n", eventTypes: ["*"] } }),
  },
  {
    op: "GET /webhooks/endpoints/{id}/secret",
    what: "reveal an endpoint's signing secret",
    narrowScopes: ["read:webhooks"],
    code: "INSUFFICIENT_SCOPE",
    arrange: async (w) => {
      const e = await endpoint(w);
      return { handler: endpointSecretRoute.GET, method: "GET", path: `/api/v1/webhooks/endpoints/${e.id}/secret`, params: { id: e.id } };
    },
  },
  {
    op: "POST /webhooks/endpoints/{id}/rotate-secret",
    what: "rotate an endpoint's signing secret",
    narrowScopes: ["read:webhooks"],
    code: "INSUFFICIENT_SCOPE",
    arrange: async (w) => {
      const e = await endpoint(w);
      return { handler: rotateEndpointRoute.POST, method: "POST", path: `/api/v1/webhooks/endpoints/${e.id}/rotate-secret`, params: { id: e.id } };
    },
  },
  // An application's client and signing secret reach customers' data only through each
  // installer's consent, after an admin reviewed its scopes and redirect URIs: what they carry
  // for the caller is managing the app, so write:applications is the ceiling.
  {
    op: "POST /applications",
    what: "register an app with redirect URIs and scopes",
    narrowScopes: ["read:applications"],
    code: "INSUFFICIENT_SCOPE",
    arrange: async () => ({ handler: appsRoute.POST, method: "POST", path: "/api/v1/applications", body: goodApplication({ requestedScopes: BROAD.slice(0, 1) }) }),
  },
  {
    op: "PATCH /applications/{id}",
    what: "change an app's redirect URIs",
    narrowScopes: ["read:applications"],
    code: "INSUFFICIENT_SCOPE",
    arrange: async (w) => {
      const app = await draftApp(w);
      return { handler: appRoute.PATCH, method: "PATCH", path: `/api/v1/applications/${app.id}`, params: { id: app.id }, body: { redirectUris: ["https://attacker.example.com/cb"] } };
    },
  },
  {
    op: "POST /applications/{id}/publish",
    what: "publish an app (yields its client secret)",
    narrowScopes: ["read:applications"],
    code: "INSUFFICIENT_SCOPE",
    arrange: async (w) => {
      const app = await draftApp(w);
      const admin = await adminCookie(db());
      for (const [name, cookie] of [["submit", w.owner], ["review", admin], ["approve", admin]] as const) expect((await appStep(name, app.id, cookie)).status).toBe(200);
      return { handler: publishAppRoute.POST, method: "POST", path: `/api/v1/applications/${app.id}/publish`, params: { id: app.id } };
    },
  },
  {
    op: "GET /applications/{id}/signing-secret",
    what: "reveal an app's signing secret",
    narrowScopes: ["read:applications"],
    code: "INSUFFICIENT_SCOPE",
    arrange: async (w) => {
      const id = await liveApp(w);
      return { handler: appSecretRoute.GET, method: "GET", path: `/api/v1/applications/${id}/signing-secret`, params: { id } };
    },
  },
  {
    op: "POST /applications/{id}/signing-secret/rotate",
    what: "rotate an app's signing secret",
    narrowScopes: ["read:applications"],
    code: "INSUFFICIENT_SCOPE",
    arrange: async (w) => {
      const id = await liveApp(w);
      return { handler: rotateAppSecretRoute.POST, method: "POST", path: `/api/v1/applications/${id}/signing-secret/rotate`, params: { id } };
    },
  },
];

async function draftApp(w: World) {
  return (await asOwner(w, { handler: appsRoute.POST, method: "POST", path: "/api/v1/applications", body: goodApplication() })).body;
}

/** A published app of the world's partner (one per world: the second call reuses it). */
const liveApps = new Map<string, string>();
async function liveApp(w: World): Promise<string> {
  const known = liveApps.get(w.partnerId);
  if (known) return known;
  const app = await draftApp(w);
  const admin = await adminCookie(db());
  for (const [name, cookie] of [["submit", w.owner], ["review", admin], ["approve", admin], ["publish", w.owner]] as const) expect((await appStep(name, app.id, cookie)).status).toBe(200);
  liveApps.set(w.partnerId, app.id);
  return app.id;
}

const SECRET_SHAPES = /prt_live_|whsec_|"clientSecret"|"secret"|"key"\s*:/;

async function world(): Promise<World> {
  const { partner, user } = await createPartnerWithMember(db());
  return { owner: await sessionCookie(user.id), partnerId: partner.id };
}

describe("credential ceiling: no credential yields a broader one", () => {
  for (const c of CASES) {
    it(`${c.op}: a credential with only ${c.narrowScopes.join(" ")} cannot ${c.what}`, async () => {
      const w = await world();
      const step = await c.arrange(w);
      const narrow = await createApiKey(db(), w.partnerId, { scopes: c.narrowScopes });
      const res = await callRoute(step.handler, { method: step.method, path: step.path, params: step.params, body: step.body, bearer: narrow.key });
      expect(res.status, res.text).toBe(403);
      expect(res.body.code).toBe(c.code);
      expect(res.text).not.toMatch(SECRET_SHAPES);
      // Control: the same request from the owner, who holds everything, goes through.
      const again = await c.arrange(w);
      await asOwner(w, again);
    });
  }

  it("a narrow key refused rotation leaves the broad client's secret unchanged", async () => {
    const w = await world();
    const c = await broadClient(w);
    const narrow = await createApiKey(db(), w.partnerId, { scopes: ["write:applications"] });
    const res = await callRoute(rotateClientRoute.POST, { method: "POST", path: `/api/v1/oauth-clients/${c.id}/rotate-secret`, params: { id: c.id }, bearer: narrow.key });
    expect(res.status).toBe(403);
    const after = (await callRoute(clientRoute.GET, { path: `/api/v1/oauth-clients/${c.id}`, params: { id: c.id }, cookie: w.owner })).body;
    expect(after.secretLast4).toBe(c.clientSecret.slice(-4));
  });

  it("narrowing a client, renaming it or disabling it needs no ceiling", async () => {
    const w = await world();
    const c = await broadClient(w);
    const narrow = await createApiKey(db(), w.partnerId, { scopes: ["write:applications"] });
    const at = { method: "PATCH", path: `/api/v1/oauth-clients/${c.id}`, params: { id: c.id }, bearer: narrow.key };
    for (const body of [{ name: "renamed" }, { scopes: ["read:*"] }, { status: "disabled" }]) {
      const res = await callRoute(clientRoute.PATCH, { ...at, body });
      expect(res.status, res.text).toBe(200);
    }
  });

  it("every operation in the OpenAPI document that yields, re-keys or widens a credential has a case here", () => {
    const doc = openApiDocument("http://localhost") as unknown as OpenApiDoc;
    expect(credentialOperations(doc).filter((op) => !CASES.some((c) => c.op === op))).toEqual([]);
  });
});

// What marks a credential operation in the document: a success response with a secret
// field, a path that reveals or rotates one, or a body that sets scopes or redirect URIs.
const SECRET_FIELDS = new Set(["key", "clientSecret", "secret", "previousSecret", "access_token", "refresh_token"]);
const GRANT_FIELDS = new Set(["scopes", "redirectUris", "grantTypes"]);

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; anyOf?: Schema[]; oneOf?: Schema[] };
type Operation = { requestBody?: { content?: Record<string, { schema?: Schema }> }; responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };
type OpenApiDoc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

function propertyNames(doc: OpenApiDoc, schema: Schema | undefined, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (!schema) return out;
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return out;
    seen.add(schema.$ref);
    return propertyNames(doc, doc.components?.schemas?.[schema.$ref.split("/").pop()!], seen);
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    out.add(name);
    for (const n of propertyNames(doc, child, seen)) out.add(n);
  }
  for (const sub of [schema.items, ...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) {
    for (const n of propertyNames(doc, sub, seen)) out.add(n);
  }
  return out;
}

function credentialOperations(doc: OpenApiDoc): string[] {
  const ops: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const success = Object.entries(op.responses ?? {})
        .filter(([status]) => status.startsWith("2"))
        .flatMap(([, r]) => Object.values(r.content ?? {}).map((c) => c.schema));
      const yields = success.some((s) => [...propertyNames(doc, s)].some((n) => SECRET_FIELDS.has(n)));
      const body = Object.values(op.requestBody?.content ?? {}).map((c) => c.schema);
      const grants = body.some((s) => [...propertyNames(doc, s)].some((n) => GRANT_FIELDS.has(n)));
      if (yields || grants || /\/(rotate|rotate-secret|secret)$/.test(path)) ops.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return ops.sort();
}
