import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as appsRoute from "@/app/api/v1/applications/route";
import * as appRoute from "@/app/api/v1/applications/[id]/route";
import * as approveRoute from "@/app/api/v1/applications/[id]/approve/route";
import * as deprecateRoute from "@/app/api/v1/applications/[id]/deprecate/route";
import * as publishRoute from "@/app/api/v1/applications/[id]/publish/route";
import * as rejectRoute from "@/app/api/v1/applications/[id]/reject/route";
import * as reviewRoute from "@/app/api/v1/applications/[id]/review/route";
import * as checksRoute from "@/app/api/v1/applications/[id]/security-checks/route";
import * as secretRoute from "@/app/api/v1/applications/[id]/signing-secret/route";
import * as rotateRoute from "@/app/api/v1/applications/[id]/signing-secret/rotate/route";
import * as submitRoute from "@/app/api/v1/applications/[id]/submit/route";
import * as timelineRoute from "@/app/api/v1/applications/[id]/timeline/route";
import * as versionsRoute from "@/app/api/v1/applications/[id]/versions/route";
import * as queueRoute from "@/app/api/v1/applications/review-queue/route";
import * as tokenRoute from "@/app/api/oauth/token/route";
import type { Db } from "@/db";
import { applications, applicationSecurityChecks, applicationVersions, oauthClients, oauthTokens } from "@/db/schema";
import { unseal } from "@/lib/crypto/secret-box";
import { clearKeyCache } from "@/lib/keys/key-cache";
import { answerAuthorize, validateAuthorizeRequest } from "@/lib/oauth/authorization-code";
import { forgetTokens } from "@/lib/oauth/token-cache";
import { hashSecret } from "@/lib/oauth/token-format";
import { adminCookie, createApp, goodApplication, installToken, partnerOwner, publishedApp, step } from "@/lib/testing/application-fixtures";
import { callRoute, type CallOptions, type CallResult } from "@/lib/testing/call-route";
import { addPartnerMember, createAccountWithMember, createApiKey, sessionCookie } from "@/lib/testing/fixtures";
import { describeSecurity, expectProblem, type Denial, type SecuritySpec } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { probesSettled } from "./check-runs";

const db = useTestDb();

afterEach(async () => {
  clearKeyCache();
  forgetTokens();
  // Submits and re-runs start endpoint probes in the background: let them store before the next test.
  await probesSettled();
});

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

type Stage = "draft" | "submitted" | "in_review" | "approved" | "published";
const walk: Array<[Exclude<Stage, "draft">, "submit" | "review" | "approve" | "publish", "owner" | "admin"]> = [
  ["submitted", "submit", "owner"],
  ["in_review", "review", "admin"],
  ["approved", "approve", "admin"],
  ["published", "publish", "owner"],
];

/** A partner (the tenant) with an owner and one application walked through the API to `stage`. */
async function appAt(d: Db, stage: Stage) {
  const owner = await partnerOwner(d);
  const admin = await adminCookie(d);
  const created = await createApp(owner.cookie);
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  let clientSecret: string | undefined;
  for (const [reached, name, who] of walk) {
    if (stage === "draft") break;
    const res = await step(name, id, who === "owner" ? owner.cookie : admin);
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${res.text}`);
    if (name === "publish") clientSecret = res.body.clientSecret;
    if (reached === stage) break;
  }
  await probesSettled();
  const [row] = await d.select().from(applications).where(eq(applications.id, id));
  return {
    tenant: { kind: "partner" as const, id: owner.partner.id, name: owner.partner.name, slug: owner.partner.slug },
    partner: owner.partner,
    owner,
    admin,
    id,
    name: row.name,
    slug: row.slug,
    clientSecret,
    signingSecret: row.signingSecretCiphertext ? unseal(row.signingSecretCiphertext) : undefined,
  };
}
type Ctx = Awaited<ReturnType<typeof appAt>>;
const at = (stage: Stage) => (d: Db) => appAt(d, stage);

/** What the routes change: the app row, its versions, its OAuth client and its stored check results. */
async function appState(d: Db, c: Ctx) {
  const [app] = await d.select().from(applications).where(eq(applications.id, c.id));
  const versions = await d.select().from(applicationVersions).where(eq(applicationVersions.applicationId, c.id)).orderBy(asc(applicationVersions.id));
  const clients = await d.select().from(oauthClients).where(eq(oauthClients.applicationId, c.id));
  const checks = await d
    .select()
    .from(applicationSecurityChecks)
    .where(eq(applicationSecurityChecks.applicationId, c.id))
    .orderBy(asc(applicationSecurityChecks.id));
  return { app: app ?? null, versions, clients, checks };
}
/** The partner's applications, for creation. */
const partnerApps = (d: Db, c: Ctx) => d.select().from(applications).where(eq(applications.partnerId, c.partner.id)).orderBy(asc(applications.id));

/** What another partner (or a refused caller) must never learn. */
const secrets = (c: Ctx) => [c.id, c.name, c.slug, ...(c.clientSecret ? [c.clientSecret] : []), ...(c.signingSecret ? [c.signingSecret] : [])];

const readers = ["tenant:owner", "tenant:admin", "tenant:developer", "admin", "api_key:read:applications"] as const;
const partnerWriters = ["tenant:owner", "tenant:admin", "tenant:developer", "api_key:write:applications"] as const;
const noScope: Denial[] = [
  // billing holds read:partners, read/write:billing and support only (lib/auth/session-scopes.ts).
  { actor: "tenant:billing", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "customer", status: 403, code: "INSUFFICIENT_SCOPE" },
  { actor: "user", status: 403, code: "INSUFFICIENT_SCOPE" },
];
const readDenied: Denial[] = [...noScope, { actor: "api_key:read:webhooks", status: 403, code: "INSUFFICIENT_SCOPE" }];
const writeDenied: Denial[] = [...noScope, { actor: "api_key:read:applications", status: 403, code: "INSUFFICIENT_SCOPE" }];
/** Partner-only: admins see every app but do not shape, publish or hold the secrets of partners' apps. */
const partnerOnlyDenied: Denial[] = [...writeDenied, { actor: "admin", status: 403, code: "FORBIDDEN" }];
/** Admin-only steps: the owning partner's members and keys are refused (the route itself only needs write:applications). */
const adminStepDenied: Denial[] = [
  ...writeDenied,
  { actor: "tenant:owner", status: 403, code: "FORBIDDEN" },
  { actor: "tenant:developer", status: 403, code: "FORBIDDEN" },
  { actor: "api_key:write:applications", status: 403, code: "FORBIDDEN" },
];
const crossRead = ["other-tenant", "other-tenant:api_key:read:applications"] as const;
const crossWrite = ["other-tenant", "other-tenant:api_key:write:applications"] as const;

const appPath = (c: Ctx) => `/api/v1/applications/${c.id}`;
const idParams = (c: Ctx) => ({ id: c.id });
const appId = (c: Ctx) => c.id;

/** The common part of every spec addressed by an application id. */
const byId = (sub: string) =>
  ({
    path: (c: Ctx) => `${appPath(c)}${sub}`,
    params: idParams,
    ownedId: appId,
    state: appState,
    secrets,
  }) satisfies Partial<SecuritySpec<Ctx>>;

describeSecurity(db, {
  name: "GET /applications",
  handler: appsRoute.GET,
  method: "GET",
  setup: at("published"),
  path: () => "/api/v1/applications",
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:applications",
  denied: readDenied,
  crossTenant: [...crossRead],
  state: appState,
  secrets,
});

describeSecurity(db, {
  name: "POST /applications",
  handler: appsRoute.POST,
  method: "POST",
  setup: at("draft"),
  path: () => "/api/v1/applications",
  body: () => goodApplication(),
  okStatus: 201,
  allowed: [...partnerWriters],
  requiredScope: "write:applications",
  // A platform admin belongs to no partner: an app has no owner to be created under.
  denied: partnerOnlyDenied,
  crossTenant: [...crossWrite],
  state: partnerApps,
  secrets,
});

describeSecurity(db, {
  name: "GET /applications/{id}",
  handler: appRoute.GET,
  method: "GET",
  setup: at("published"),
  ...byId(""),
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:applications",
  denied: readDenied,
  crossTenant: [...crossRead],
});

describeSecurity(db, {
  name: "PATCH /applications/{id}",
  handler: appRoute.PATCH,
  method: "PATCH",
  setup: at("draft"),
  ...byId(""),
  body: () => ({ description: `${goodApplication().description} Edited by the security test.`, requestedScopes: ["read:claims"] }),
  okStatus: 200,
  allowed: [...partnerWriters],
  requiredScope: "write:applications",
  denied: partnerOnlyDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "DELETE /applications/{id}",
  handler: appRoute.DELETE,
  method: "DELETE",
  setup: at("draft"),
  ...byId(""),
  okStatus: 204,
  allowed: [...partnerWriters],
  requiredScope: "write:applications",
  denied: partnerOnlyDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "GET /applications/{id}/versions",
  handler: versionsRoute.GET,
  method: "GET",
  setup: at("published"),
  ...byId("/versions"),
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:applications",
  denied: readDenied,
  crossTenant: [...crossRead],
});

describeSecurity(db, {
  name: "GET /applications/{id}/timeline",
  handler: timelineRoute.GET,
  method: "GET",
  setup: at("published"),
  ...byId("/timeline"),
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:applications",
  denied: readDenied,
  crossTenant: [...crossRead],
});

describeSecurity(db, {
  name: "GET /applications/review-queue",
  handler: queueRoute.GET,
  method: "GET",
  setup: at("submitted"),
  path: () => "/api/v1/applications/review-queue",
  okStatus: 200,
  adminOnly: true,
  denied: [
    { actor: "tenant:developer", status: 403, code: "FORBIDDEN" },
    { actor: "tenant:billing", status: 403, code: "FORBIDDEN" },
    { actor: "customer", status: 403, code: "FORBIDDEN" },
    { actor: "api_key:write:applications", status: 403, code: "FORBIDDEN" },
  ],
  crossTenant: [...crossWrite],
  state: appState,
  secrets,
});

describeSecurity(db, {
  name: "POST /applications/{id}/submit",
  handler: submitRoute.POST,
  method: "POST",
  setup: at("draft"),
  ...byId("/submit"),
  okStatus: 200,
  allowed: [...partnerWriters],
  requiredScope: "write:applications",
  denied: partnerOnlyDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "POST /applications/{id}/review",
  handler: reviewRoute.POST,
  method: "POST",
  setup: at("submitted"),
  ...byId("/review"),
  okStatus: 200,
  allowed: ["admin"],
  requiredScope: "write:applications",
  denied: adminStepDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "POST /applications/{id}/approve",
  handler: approveRoute.POST,
  method: "POST",
  setup: at("in_review"),
  ...byId("/approve"),
  body: () => ({ notes: "Looks fine.", checklist: { scopes: true } }),
  okStatus: 200,
  allowed: ["admin"],
  requiredScope: "write:applications",
  denied: adminStepDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "POST /applications/{id}/reject",
  handler: rejectRoute.POST,
  method: "POST",
  setup: at("in_review"),
  ...byId("/reject"),
  body: () => ({ reason: "Justify every write scope, please." }),
  okStatus: 200,
  allowed: ["admin"],
  requiredScope: "write:applications",
  denied: adminStepDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "POST /applications/{id}/publish",
  handler: publishRoute.POST,
  method: "POST",
  setup: at("approved"),
  ...byId("/publish"),
  okStatus: 200,
  allowed: [...partnerWriters],
  requiredScope: "write:applications",
  denied: partnerOnlyDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "POST /applications/{id}/deprecate",
  handler: deprecateRoute.POST,
  method: "POST",
  setup: at("published"),
  ...byId("/deprecate"),
  body: () => ({ sunsetAt: days(45), message: "Replaced by Claims Bridge 2." }),
  okStatus: 200,
  // Deprecation is the one step both the owning partner and a platform admin take.
  allowed: [...partnerWriters, "admin"],
  requiredScope: "write:applications",
  denied: writeDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "GET /applications/{id}/security-checks",
  handler: checksRoute.GET,
  method: "GET",
  setup: at("submitted"),
  ...byId("/security-checks"),
  okStatus: 200,
  allowed: [...readers],
  requiredScope: "read:applications",
  denied: readDenied,
  crossTenant: [...crossRead],
});

describeSecurity(db, {
  name: "POST /applications/{id}/security-checks",
  handler: checksRoute.POST,
  method: "POST",
  setup: at("draft"),
  ...byId("/security-checks"),
  okStatus: 200,
  // Re-running the checks is for the partner fixing its servers and for the reviewer alike.
  allowed: [...partnerWriters, "admin"],
  requiredScope: "write:applications",
  denied: writeDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "GET /applications/{id}/signing-secret",
  handler: secretRoute.GET,
  method: "GET",
  setup: at("published"),
  ...byId("/signing-secret"),
  okStatus: 200,
  allowed: [...partnerWriters],
  requiredScope: "write:applications",
  denied: partnerOnlyDenied,
  crossTenant: [...crossWrite],
});

describeSecurity(db, {
  name: "POST /applications/{id}/signing-secret/rotate",
  handler: rotateRoute.POST,
  method: "POST",
  setup: at("published"),
  ...byId("/signing-secret/rotate"),
  okStatus: 200,
  allowed: [...partnerWriters],
  requiredScope: "write:applications",
  denied: partnerOnlyDenied,
  crossTenant: [...crossWrite],
});

// ---------------------------------------------------------------------------

type Auth = Pick<CallOptions, "cookie" | "bearer">;
const call = (handler: Parameters<typeof callRoute>[0], method: string, path: string, id: string, auth: Auth, body?: unknown) =>
  callRoute(handler, { method, path, params: { id }, ...auth, ...(body !== undefined ? { body } : {}) });

const routesOf = (id: string) => {
  const p = `/api/v1/applications/${id}`;
  return {
    get: (a: Auth) => call(appRoute.GET, "GET", p, id, a),
    list: (a: Auth, q = "") => callRoute(appsRoute.GET, { path: `/api/v1/applications${q}`, ...a }),
    patch: (a: Auth, body: unknown) => call(appRoute.PATCH, "PATCH", p, id, a, body),
    del: (a: Auth) => call(appRoute.DELETE, "DELETE", p, id, a),
    submit: (a: Auth) => call(submitRoute.POST, "POST", `${p}/submit`, id, a),
    publish: (a: Auth) => call(publishRoute.POST, "POST", `${p}/publish`, id, a),
    deprecate: (a: Auth, body: unknown = { sunsetAt: days(45), message: "Going away." }) => call(deprecateRoute.POST, "POST", `${p}/deprecate`, id, a, body),
    versions: (a: Auth) => call(versionsRoute.GET, "GET", `${p}/versions`, id, a),
    timeline: (a: Auth) => call(timelineRoute.GET, "GET", `${p}/timeline`, id, a),
    checks: (a: Auth) => call(checksRoute.GET, "GET", `${p}/security-checks`, id, a),
    rerun: (a: Auth) => call(checksRoute.POST, "POST", `${p}/security-checks`, id, a),
    secret: (a: Auth) => call(secretRoute.GET, "GET", `${p}/signing-secret`, id, a),
    rotate: (a: Auth) => call(rotateRoute.POST, "POST", `${p}/signing-secret/rotate`, id, a),
  };
};

const snapshot = async (id: string) => JSON.stringify(await appState(db(), { id } as Ctx));

describe("applications: another partner's API key", () => {
  it("cannot submit, publish or deprecate partner B's app: 404 at every stage, as for an unknown id, and B's app is untouched", async () => {
    const a = await partnerOwner(db());
    const { key } = await createApiKey(db(), a.partner.id, { scopes: ["write:applications"] });
    const admin = await adminCookie(db());
    const b = await partnerOwner(db());
    const id = (await createApp(b.cookie)).body.id as string;
    const r = routesOf(id);
    const refused = async (res: CallResult, appName: string) => {
      expectProblem(res, 404, "NOT_FOUND");
      expect(res.text).not.toContain(appName);
      expect(res.text).not.toContain(b.partner.name);
    };
    const { name } = (await r.get({ cookie: b.cookie })).body;

    // draft: submit
    let before = await snapshot(id);
    await refused(await r.submit({ bearer: key }), name);
    expect(await snapshot(id)).toBe(before);
    expect((await step("submit", id, b.cookie)).status).toBe(200);
    await probesSettled();
    expect((await step("review", id, admin)).status).toBe(200);
    expect((await step("approve", id, admin)).status).toBe(200);

    // approved: publish
    before = await snapshot(id);
    await refused(await r.publish({ bearer: key }), name);
    expect(await snapshot(id)).toBe(before);
    expect(await db().$count(oauthClients, eq(oauthClients.applicationId, id))).toBe(0);
    expect((await step("publish", id, b.cookie)).status).toBe(200);

    // published: deprecate, and the partner-only writes
    before = await snapshot(id);
    await refused(await r.deprecate({ bearer: key }), name);
    await refused(await r.patch({ bearer: key }, { name: "Hijacked" }), name);
    await refused(await r.del({ bearer: key }), name);
    await refused(await r.secret({ bearer: key }), name);
    await refused(await r.rotate({ bearer: key }), name);
    await refused(await r.rerun({ bearer: key }), name);
    expect(await snapshot(id)).toBe(before);

    // Exactly what an id that does not exist gets.
    const ghost = routesOf(randomUUID());
    const [real, missing] = [await r.deprecate({ bearer: key }), await ghost.deprecate({ bearer: key })];
    expect({ status: missing.status, code: missing.body.code, detail: missing.body.detail }).toEqual({ status: real.status, code: real.body.code, detail: real.body.detail });

    // Control: B's own key takes the same step.
    const own = await createApiKey(db(), b.partner.id, { scopes: ["write:applications"] });
    const ok = await r.deprecate({ bearer: own.key });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.status).toBe("deprecated");
  });

  it("does not list another partner's apps, even when asked for them with ?partnerId", async () => {
    const a = await partnerOwner(db());
    const b = await partnerOwner(db());
    const mine = (await createApp(a.cookie)).body.id as string;
    const theirs = (await createApp(b.cookie)).body;
    const { key } = await createApiKey(db(), a.partner.id, { scopes: ["read:applications"] });
    const r = routesOf(mine);
    for (const auth of [{ cookie: a.cookie }, { bearer: key }]) {
      for (const q of ["", `?partnerId=${b.partner.id}`, `?q=${encodeURIComponent(theirs.name)}`]) {
        const res = await r.list(auth, q);
        expect(res.status, res.text).toBe(200);
        expect(res.body.data.map((x: { id: string }) => x.id)).toEqual(q.startsWith("?q=") ? [] : [mine]);
        expect(res.text).not.toContain(theirs.id);
        expect(res.text).not.toContain(b.partner.name);
      }
    }
  });
});

describe("applications: an installed app's OAuth access token", () => {
  it("carries only the customer-data scopes the app asked for and can neither read nor change its own application", async () => {
    const live = await publishedApp(db());
    const { token, client } = await installToken(db(), live.id);
    const [row] = await db().select().from(oauthTokens).where(eq(oauthTokens.tokenHash, hashSecret(token)));
    expect(row.scopes).toEqual(["read:claims", "write:claims"]);
    expect(client.scopes).toEqual(["read:claims", "write:claims"]);

    const r = routesOf(live.id);
    const before = await snapshot(live.id);
    const expectScope = (res: CallResult, scope: string) => {
      expectProblem(res, 403, "INSUFFICIENT_SCOPE");
      expect(res.text).toContain(scope);
    };
    const bearer = { bearer: token };
    expectScope(await r.get(bearer), "read:applications");
    expectScope(await r.list(bearer), "read:applications");
    expectScope(await r.versions(bearer), "read:applications");
    expectScope(await r.timeline(bearer), "read:applications");
    expectScope(await r.checks(bearer), "read:applications");
    expectScope(await r.patch(bearer, { name: "Renamed by its token" }), "write:applications");
    expectScope(await r.deprecate(bearer), "write:applications");
    expectScope(await r.secret(bearer), "write:applications");
    expectScope(await r.rotate(bearer), "write:applications");
    expectScope(await r.rerun(bearer), "write:applications");
    expectScope(await r.del(bearer), "write:applications");
    const queue = await callRoute(queueRoute.GET, { path: "/api/v1/applications/review-queue", bearer: token });
    expectProblem(queue, 403, "FORBIDDEN");
    expect(await snapshot(live.id)).toBe(before);
    // Control: the token itself works where its scopes reach (it is not simply broken).
    const me = await callRoute((await import("@/app/api/v1/me/route")).GET, { path: "/api/v1/me", bearer: token });
    expect(me.status, me.text).toBe(200);
  });
});

describe("applications: secrets never appear in the app's own responses", () => {
  it("keeps the client secret and signing secrets out of GET, the list, the versions, the timeline and the checks, for every reader", async () => {
    const live = await publishedApp(db());
    const r = routesOf(live.id);
    const clientSecret = live.app.clientSecret as string;
    expect(clientSecret).toMatch(/^prts_/);
    const first = (await r.secret({ cookie: live.cookie })).body.secret as string;
    const rotated = await r.rotate({ cookie: live.cookie });
    expect(rotated.status, rotated.text).toBe(200);
    const second = rotated.body.secret as string;
    // A pending version too, so the versions list and the timeline have more to say.
    const opened = await r.patch({ cookie: live.cookie }, { requestedScopes: ["read:claims"], version: "1.1.0", changelog: "Reads only." });
    expect(opened.status, opened.text).toBe(200);
    await r.rerun({ cookie: live.cookie });
    await probesSettled();

    const [appRow] = await db().select().from(applications).where(eq(applications.id, live.id));
    const [clientRow] = await db().select().from(oauthClients).where(eq(oauthClients.applicationId, live.id));
    const forbidden = [clientSecret, first, second, clientRow.secretHash, appRow.signingSecretCiphertext!, appRow.previousSigningSecretCiphertext!];
    const forbiddenKeys = ["clientSecret", "secretHash", "signingSecret", "signingSecretCiphertext", "previousSigningSecretCiphertext", "secret"];

    const developer = await sessionCookie((await addPartnerMember(db(), live.partner.id, "developer")).id);
    const { key } = await createApiKey(db(), live.partner.id, { scopes: ["read:applications"] });
    const readersAuth: Auth[] = [{ cookie: live.cookie }, { cookie: developer }, { cookie: live.admin }, { bearer: key }];
    for (const auth of readersAuth) {
      const answers = [await r.get(auth), await r.list(auth), await r.versions(auth), await r.timeline(auth), await r.checks(auth)];
      for (const res of answers) {
        expect(res.status, res.text).toBe(200);
        for (const s of forbidden) expect(res.text).not.toContain(s);
        for (const k of forbiddenKeys) expect(res.text).not.toContain(`"${k}"`);
      }
      // The secret's last four characters would be fine; the whole of it never.
      expect(answers[2].body.data).toHaveLength(2);
      expect(answers[3].body.data.map((e: { action: string }) => e.action)).toContain("application.signing_secret_rotated");
    }
    // The review queue (admin) shows the pending version without any secret either.
    expect((await step("submit", live.id, live.cookie)).status).toBe(200);
    await probesSettled();
    // Other tests of this file leave submitted apps behind: walk the queue to this one.
    let found = false;
    for (let cursor: string | null = null, pages = 0; !found && pages < 50; pages++) {
      const queue: CallResult = await callRoute(queueRoute.GET, {
        path: `/api/v1/applications/review-queue?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        cookie: live.admin,
      });
      expect(queue.status, queue.text).toBe(200);
      for (const s of forbidden) expect(queue.text).not.toContain(s);
      found = queue.body.data.some((q: { applicationId: string }) => q.applicationId === live.id);
      cursor = queue.body.nextCursor;
      if (!cursor) break;
    }
    expect(found, "the pending version is in the review queue").toBe(true);
  });
});

describe("applications: a deprecated app after its sunset", () => {
  const REDIRECT = "https://bridge.example.com/oauth/callback";
  const tokenRequest = (clientId: string, secret: string, form: Record<string, string>) =>
    callRoute(tokenRoute.POST, {
      method: "POST",
      path: "/api/oauth/token",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}`,
      },
      rawBody: new URLSearchParams(form).toString(),
    });

  async function deprecatedApp() {
    const live = await publishedApp(db());
    const clientId = live.app.clientId as string;
    const clientSecret = live.app.clientSecret as string;
    const { account, user } = await createAccountWithMember(db());
    const customer = { userId: user.id, accountId: account.id, accountName: account.name };
    const params = { response_type: "code", client_id: clientId, redirect_uri: REDIRECT, scope: "read:claims", state: "st-1" };
    const code = async () => {
      const res = await answerAuthorize(db(), params, customer, true);
      if (res.kind !== "redirect") throw new Error(`authorize: ${JSON.stringify(res)}`);
      return new URL(res.url).searchParams.get("code")!;
    };
    // Codes granted before the deprecation: afterwards the app takes no new authorization.
    const codes = [await code(), await code()];
    expect((await validateAuthorizeRequest(db(), params)).kind).toBe("ok");
    // An admin may set a near sunset (a partner needs 30 days' notice).
    const dep = await routesOf(live.id).deprecate({ cookie: live.admin }, { sunsetAt: days(1), message: "Retired after an incident." });
    expect(dep.status, dep.text).toBe(200);
    return { live, clientId, clientSecret, params, codes };
  }
  const pastSunset = async (id: string) => {
    await db().update(applications).set({ sunsetAt: new Date(Date.now() - 1000) }).where(eq(applications.id, id));
    forgetTokens();
  };

  it("gets no new token at /api/oauth/token once the sunset has passed: invalid_client for code exchange and refresh", async () => {
    const s = await deprecatedApp();
    // Control: deprecated but before the sunset, the client still exchanges codes and refreshes.
    const exchanged = await tokenRequest(s.clientId, s.clientSecret, { grant_type: "authorization_code", code: s.codes[0], redirect_uri: REDIRECT });
    expect(exchanged.status, exchanged.text).toBe(200);
    const refreshToken = exchanged.body.refresh_token as string;
    expect(refreshToken).toBeTruthy();
    const refreshed = await tokenRequest(s.clientId, s.clientSecret, { grant_type: "refresh_token", refresh_token: refreshToken });
    expect(refreshed.status, refreshed.text).toBe(200);
    const laterCode = s.codes[1];

    await pastSunset(s.live.id);
    const tokensBefore = await db().$count(oauthTokens);
    const viaRefresh = await tokenRequest(s.clientId, s.clientSecret, { grant_type: "refresh_token", refresh_token: refreshed.body.refresh_token });
    expect(viaRefresh.status, viaRefresh.text).toBe(401);
    expect(viaRefresh.body.error).toBe("invalid_client");
    const viaCode = await tokenRequest(s.clientId, s.clientSecret, { grant_type: "authorization_code", code: laterCode, redirect_uri: REDIRECT });
    expect(viaCode.status, viaCode.text).toBe(401);
    expect(viaCode.body.error).toBe("invalid_client");
    expect(await db().$count(oauthTokens)).toBe(tokensBefore);
    for (const res of [viaRefresh, viaCode]) expect(res.text).not.toContain(s.clientSecret);
  });

  it("is refused by the authorize page's request check from its deprecation on (no new installs), and after its sunset", async () => {
    const s = await deprecatedApp();
    const before = await validateAuthorizeRequest(db(), s.params);
    expect(before).toEqual({ kind: "error_page", message: expect.stringMatching(/retired/i) });
    await pastSunset(s.live.id);
    const check = await validateAuthorizeRequest(db(), s.params);
    expect(check).toEqual({ kind: "error_page", message: expect.stringMatching(/retired/i) });
    // Never a redirect with a code back to the app.
    const { account, user } = await createAccountWithMember(db());
    const answer = await answerAuthorize(db(), s.params, { userId: user.id, accountId: account.id }, true);
    expect(answer.kind).toBe("error_page");
  });
});
