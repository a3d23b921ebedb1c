import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as listRoute from "@/app/api/v1/integrations/route";
import * as itemRoute from "@/app/api/v1/integrations/[id]/route";
import * as fieldsRoute from "@/app/api/v1/integrations/fields/route";
import * as mappingsRoute from "@/app/api/v1/integrations/[id]/mappings/route";
import * as previewRoute from "@/app/api/v1/integrations/[id]/mappings/preview/route";
import { integrationMappings, integrations } from "@/db/schema";
import { isSealed } from "@/lib/crypto/secret-box";
import { callRoute } from "@/lib/testing/call-route";
import { addAccountMember, addPartnerMember, createApiKey, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { createInstallableApp, installIntegration, integrationAccessToken, integrationCallers } from "@/lib/testing/integration-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { flushIntegrationMetrics } from "./meter-integration-call";

const db = useTestDb();
// Registered after useTestDb, so it runs before the database is dropped: no count is left for the flush loop.
afterAll(() => flushIntegrationMetrics());

const list = (cookie: string, query = "") => callRoute(listRoute.GET, { path: `/api/v1/integrations${query}`, cookie });
const get = (id: string, creds: { cookie?: string; bearer?: string }) => callRoute(itemRoute.GET, { path: `/api/v1/integrations/${id}`, params: { id }, ...creds });
const patch = (id: string, cookie: string, body: unknown) => callRoute(itemRoute.PATCH, { method: "PATCH", path: `/api/v1/integrations/${id}`, params: { id }, cookie, body });
const putMappings = (id: string, cookie: string, mappings: unknown) =>
  callRoute(mappingsRoute.PUT, { method: "PUT", path: `/api/v1/integrations/${id}/mappings`, params: { id }, cookie, body: { mappings } });
const preview = (id: string, cookie: string, body: unknown) =>
  callRoute(previewRoute.POST, { path: `/api/v1/integrations/${id}/mappings/preview`, params: { id }, cookie, body });

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((i) => i.id);
const paths = (res: { body: { errors?: { path: string }[] } }) => (res.body.errors ?? []).map((e) => e.path);

describe("GET /integrations: who sees what", () => {
  it("shows a customer its accounts' integrations, a partner its apps' installs, an admin all", async () => {
    const appA = await createInstallableApp(db(), { name: "Alpha Sync" });
    const appB = await createInstallableApp(db(), { name: "Beta Sync" });
    const a1 = await installIntegration(db(), { app: appA });
    const a2 = await installIntegration(db(), { app: appA, status: "degraded" });
    const b1 = await installIntegration(db(), { app: appB, account: a1.account });

    // The customer of account 1 sees both of its integrations (two partners' apps), not account 2's.
    const customer = await list(await sessionCookie(a1.owner.id));
    expect(customer.status, customer.text).toBe(200);
    expect(ids(customer).sort()).toEqual([a1.integration.id, b1.integration.id].sort());
    const item = customer.body.data.find((i: { id: string }) => i.id === a1.integration.id);
    expect(item).toMatchObject({
      status: "active",
      accountId: a1.account.id,
      account: { name: a1.account.name },
      application: { id: appA.app.id, name: "Alpha Sync" },
      listing: { slug: appA.listing.slug },
      partner: { id: appA.partner.id, name: appA.partner.name },
      config: {},
      lastHealthCheckAt: null,
      lastHealthStatus: null,
      consecutiveFailures: 0,
      canConfigure: true,
    });
    expect(item.installedAt).toBe(a1.integration.createdAt.toISOString());

    // A member of account 1 sees the same, but may not configure.
    const member = await list(await sessionCookie((await addAccountMember(db(), a1.account.id, "member")).id));
    expect(ids(member).sort()).toEqual(ids(customer).sort());
    expect(member.body.data.every((i: { canConfigure: boolean }) => !i.canConfigure)).toBe(true);

    // App A's partner sees its installs in both accounts (with the account name), not app B's.
    const partner = await list(await sessionCookie(appA.partnerUser.id));
    expect(ids(partner).sort()).toEqual([a1.integration.id, a2.integration.id].sort());
    expect(partner.body.data.map((i: { account: { name: string } }) => i.account.name).sort()).toEqual([a1.account.name, a2.account.name].sort());
    expect(partner.body.data.every((i: { canConfigure: boolean }) => !i.canConfigure)).toBe(true);

    // An API key of partner B sees app B's install only.
    const key = await createApiKey(db(), appB.partner.id, { scopes: ["read:marketplace"] });
    const byKey = await callRoute(listRoute.GET, { path: "/api/v1/integrations", bearer: key.key });
    expect(ids(byKey)).toEqual([b1.integration.id]);

    // App A's OAuth token for account 2 sees its integration there only.
    const token = await integrationAccessToken(db(), a2, { scopes: ["read:marketplace"] });
    const byToken = await callRoute(listRoute.GET, { path: "/api/v1/integrations", bearer: token.token });
    expect(ids(byToken)).toEqual([a2.integration.id]);

    const admin = await list(await sessionCookie((await createUser(db(), { admin: true })).id), "?limit=100");
    expect(ids(admin)).toEqual(expect.arrayContaining([a1.integration.id, a2.integration.id, b1.integration.id]));

    // A signed-in user of another account sees none of them.
    const stranger = await installIntegration(db());
    const other = await list(await sessionCookie(stranger.owner.id));
    expect(ids(other)).toEqual([stranger.integration.id]);
  });

  it("sees every account of a customer who belongs to several", async () => {
    const one = await installIntegration(db());
    const two = await installIntegration(db());
    await db().insert((await import("@/db/schema")).accountMembers).values({ accountId: two.account.id, userId: one.owner.id, role: "member" });
    const res = await list(await sessionCookie(one.owner.id));
    expect(ids(res).sort()).toEqual([one.integration.id, two.integration.id].sort());
    const onlyTwo = await list(await sessionCookie(one.owner.id), `?accountId=${two.account.id}`);
    expect(ids(onlyTwo)).toEqual([two.integration.id]);
  });

  it("filters by status and applicationId and pages newest first", async () => {
    const app = await createInstallableApp(db());
    const other = await createInstallableApp(db(), { partnerId: app.partner.id });
    const made = [];
    for (const status of ["active", "failed", "active", "degraded", "active"] as const) made.push(await installIntegration(db(), { app, status }));
    const otherApp = await installIntegration(db(), { app: other });
    const cookie = await sessionCookie(app.partnerUser.id);

    const all = await list(cookie, "?limit=100");
    expect(ids(all)).toEqual([otherApp, ...made.slice().reverse()].map((m) => m.integration.id));

    const active = await list(cookie, "?status=active");
    expect(ids(active)).toEqual([otherApp, made[4], made[2], made[0]].map((m) => m.integration.id));
    const failed = await list(cookie, "?status=failed");
    expect(ids(failed)).toEqual([made[1].integration.id]);

    const byApp = await list(cookie, `?applicationId=${app.app.id}&status=active`);
    expect(ids(byApp)).toEqual([made[4], made[2], made[0]].map((m) => m.integration.id));
    expect(ids(await list(cookie, `?app=${other.app.id}`))).toEqual([otherApp.integration.id]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(cookie, `?applicationId=${app.app.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status, page.text).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.slice().reverse().map((m) => m.integration.id));

    expect((await list(cookie, "?status=sleeping")).status).toBe(422);
    expect((await list(cookie, "?cursor=nonsense")).status).toBe(400);
  });
});

describe("GET /integrations/{id}", () => {
  it("answers the account, the partner and admins; 404 for anyone else or an unknown id", async () => {
    const i = await installIntegration(db());
    const c = await integrationCallers(db(), i);
    for (const cookie of [c.accountOwner, c.accountMember, c.partnerOwner, c.partnerDeveloper]) {
      const res = await get(i.integration.id, { cookie });
      expect(res.status, res.text).toBe(200);
      expect(res.body.id).toBe(i.integration.id);
    }
    const other = await installIntegration(db());
    const otherPartner = await sessionCookie((await addPartnerMember(db(), other.partner.id, "owner")).id);
    for (const cookie of [await sessionCookie(other.owner.id), otherPartner]) {
      const res = await get(i.integration.id, { cookie });
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(i.account.name);
    }
    expect((await get("00000000-0000-4000-8000-000000000000", { cookie: c.accountOwner })).status).toBe(404);
    expect((await get("not-a-uuid", { cookie: c.accountOwner })).status).toBe(404);
    // Another app's token in the same account does not see this partner's integration.
    const neighbour = await installIntegration(db(), { account: i.account });
    const t = await integrationAccessToken(db(), neighbour, { scopes: ["read:marketplace"] });
    expect((await get(i.integration.id, { bearer: t.token })).status).toBe(404);
    expect((await get(neighbour.integration.id, { bearer: t.token })).status).toBe(200);
  });
});

describe("PATCH /integrations/{id}: settings", () => {
  it("validates against the live version's configSchema, naming config.<field>", async () => {
    const i = await installIntegration(db());
    const c = await integrationCallers(db(), i);
    const bad = await patch(i.integration.id, c.accountOwner, { config: { apiBaseUrl: "not a url", syncIntervalMinutes: 1, region: "mars", surprise: true } });
    expect(bad.status, bad.text).toBe(422);
    expect(bad.body.code).toBe("VALIDATION_FAILED");
    expect(paths(bad).sort()).toEqual(["config.apiBaseUrl", "config.region", "config.surprise", "config.syncIntervalMinutes"]);

    const missing = await patch(i.integration.id, c.accountOwner, { config: { region: "us" } });
    expect(missing.status).toBe(422);
    expect(paths(missing)).toEqual(["config.apiBaseUrl"]);

    const ok = await patch(i.integration.id, c.accountAdmin, { config: { apiBaseUrl: "https://crm.agency.example", syncIntervalMinutes: 15, region: "eu" } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.config).toEqual({ apiBaseUrl: "https://crm.agency.example", syncIntervalMinutes: 15, region: "eu" });
    const [row] = await db().select().from(integrations).where(eq(integrations.id, i.integration.id));
    expect(row.config).toEqual({ apiBaseUrl: "https://crm.agency.example", syncIntervalMinutes: 15, region: "eu" });
  });

  it("validates against the LIVE version, not a newer draft", async () => {
    const i = await installIntegration(db(), { configSchema: { type: "object", properties: { team: { type: "string", maxLength: 5 } }, additionalProperties: false } });
    const { applicationVersions } = await import("@/db/schema");
    await db()
      .insert(applicationVersions)
      .values({ applicationId: i.app.id, version: "2.0.0", status: "draft", configSchema: { type: "object", properties: { team: { type: "integer" } } } });
    const res = await patch(i.integration.id, await sessionCookie(i.owner.id), { config: { team: "north" } });
    expect(res.status, res.text).toBe(200);
    expect((await patch(i.integration.id, await sessionCookie(i.owner.id), { config: { team: "northwest" } })).status).toBe(422);
  });

  it("refuses members, the partner and admins (403) and strangers (404); changes nothing", async () => {
    const i = await installIntegration(db());
    const c = await integrationCallers(db(), i);
    const admin = await sessionCookie((await createUser(db(), { admin: true })).id);
    const body = { config: { apiBaseUrl: "https://evil.example" } };
    for (const cookie of [c.accountMember, c.partnerOwner, c.partnerDeveloper, admin]) {
      const res = await patch(i.integration.id, cookie, body);
      expect(res.status, res.text).toBe(403);
    }
    expect((await patch(i.integration.id, await sessionCookie((await installIntegration(db())).owner.id), body)).status).toBe(404);
    const [row] = await db().select().from(integrations).where(eq(integrations.id, i.integration.id));
    expect(row.config).toEqual({});
  });

  it("refuses to configure an uninstalled integration (409)", async () => {
    const i = await installIntegration(db(), { status: "disconnected" });
    const res = await patch(i.integration.id, await sessionCookie(i.owner.id), { config: { apiBaseUrl: "https://crm.example" } });
    expect(res.status).toBe(409);
  });

  it("seals secret settings at rest, never returns them, and keeps them when a PATCH leaves them out", async () => {
    const secret = "sk_live_do-not-leak-4242";
    const i = await installIntegration(db(), {
      configSchema: {
        type: "object",
        properties: {
          apiBaseUrl: { type: "string", format: "uri" },
          apiKey: { type: "string", format: "password", minLength: 8 },
          webhookToken: { type: "string", writeOnly: true },
        },
        required: ["apiBaseUrl", "apiKey"],
      },
    });
    const c = await integrationCallers(db(), i);
    const id = i.integration.id;

    const short = await patch(id, c.accountOwner, { config: { apiBaseUrl: "https://crm.example", apiKey: "short" } });
    expect(short.status).toBe(422);
    expect(paths(short)).toEqual(["config.apiKey"]);
    expect(short.text).not.toContain("short\"");

    const saved = await patch(id, c.accountOwner, { config: { apiBaseUrl: "https://crm.example", apiKey: secret, webhookToken: "tok-xyz-123" } });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.config).toEqual({ apiBaseUrl: "https://crm.example" });
    expect(saved.body.secretFields).toEqual([
      { name: "apiKey", set: true },
      { name: "webhookToken", set: true },
    ]);
    expect(saved.text).not.toContain(secret);
    expect(saved.text).not.toContain("tok-xyz-123");

    const [row] = await db().select().from(integrations).where(eq(integrations.id, id));
    expect(JSON.stringify(row.config)).not.toContain(secret);
    expect(row.secretConfigCiphertext).toBeTruthy();
    expect(isSealed(row.secretConfigCiphertext!)).toBe(true);
    expect(row.secretConfigCiphertext).not.toContain(secret);
    expect(Buffer.from(row.secretConfigCiphertext!.split(":").pop()!, "base64").toString("latin1")).not.toContain(secret);

    // Never in any response: item, list (every reader), mappings.
    for (const cookie of [c.accountOwner, c.accountMember, c.partnerOwner]) {
      for (const res of [await get(id, { cookie }), await list(cookie)]) {
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(secret);
        expect(res.text).not.toContain("tok-xyz-123");
      }
    }

    // Left out: kept (the required apiKey is satisfied by the stored one); null: cleared.
    const kept = await patch(id, c.accountOwner, { config: { apiBaseUrl: "https://crm2.example" } });
    expect(kept.status, kept.text).toBe(200);
    expect(kept.body.secretFields).toEqual([
      { name: "apiKey", set: true },
      { name: "webhookToken", set: true },
    ]);
    const cleared = await patch(id, c.accountOwner, { config: { apiBaseUrl: "https://crm2.example", webhookToken: null } });
    expect(cleared.body.secretFields).toEqual([
      { name: "apiKey", set: true },
      { name: "webhookToken", set: false },
    ]);
    const requiredGone = await patch(id, c.accountOwner, { config: { apiBaseUrl: "https://crm2.example", apiKey: null } });
    expect(requiredGone.status).toBe(422);
    expect(paths(requiredGone)).toEqual(["config.apiKey"]);

    const { openSecrets } = await import("./config-secrets");
    const [after] = await db().select().from(integrations).where(eq(integrations.id, id));
    expect(openSecrets(after.secretConfigCiphertext)).toEqual({ apiKey: secret });
  });

  it("refuses any setting for an app without a configSchema", async () => {
    const i = await installIntegration(db(), { configSchema: null });
    const cookie = await sessionCookie(i.owner.id);
    const res = await patch(i.integration.id, cookie, { config: { anything: 1 } });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(["config.anything"]);
    expect((await patch(i.integration.id, cookie, { config: {} })).status).toBe(200);
  });
});

describe("field mappings", () => {
  it("lists the platform fields from the event catalog, prefixed by family, with types", async () => {
    const res = await callRoute(fieldsRoute.GET, { path: "/api/v1/integrations/fields", cookie: await sessionCookie((await installIntegration(db())).owner.id) });
    expect(res.status, res.text).toBe(200);
    const byName = new Map(res.body.data.map((f: { field: string }) => [f.field, f]));
    expect(byName.get("lead.contact.email")).toMatchObject({ family: "lead", type: "string", format: "email" });
    expect(byName.get("policy.premiumCents")).toMatchObject({ family: "policy", type: "integer" });
    expect((byName.get("lead.leadId") as { eventTypes: string[] }).eventTypes).toEqual(expect.arrayContaining(["lead.created", "lead.updated", "lead.converted"]));
    expect(byName.get("claim.amountCents")).toMatchObject({ type: "integer" });
    expect(byName.has("lead.contact")).toBe(false); // objects are walked, not mapped whole
    expect((await callRoute(fieldsRoute.GET, { path: "/api/v1/integrations/fields" })).status).toBe(401);
  });

  it("replaces mappings, lists them, and refuses each broken rule with mappings.<n>.<field>", async () => {
    const i = await installIntegration(db());
    const c = await integrationCallers(db(), i);
    const id = i.integration.id;
    const good = [
      { sourceField: "lead.contact.email", targetField: "crm.email", transform: "lowercase" },
      { sourceField: "lead.contact.name", targetField: "crm.fullName", transform: "trim" },
      { sourceField: "policy.premiumCents", targetField: "crm.premium", transform: "cents_to_decimal" },
    ];
    const saved = await putMappings(id, c.accountOwner, good);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.data).toEqual(good.map((m) => ({ ...m, updatedAt: expect.any(String) })));
    expect(saved.body.targetFields).toEqual(i.version.mappableFields);

    const listed = await callRoute(mappingsRoute.GET, { path: `/api/v1/integrations/${id}/mappings`, params: { id }, cookie: c.partnerDeveloper });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((m: { sourceField: string }) => m.sourceField)).toEqual(good.map((m) => m.sourceField));

    const cases: [unknown[], string][] = [
      [[{ sourceField: "lead.contact.fax", targetField: "crm.email" }], "mappings.0.sourceField"],
      [[good[0], { sourceField: "lead.source", targetField: "crm.somewhere" }], "mappings.1.targetField"],
      [[good[0], { sourceField: "lead.source", targetField: "crm.email" }], "mappings.1.targetField"],
      [[good[0], { sourceField: "lead.contact.email", targetField: "crm.source" }], "mappings.1.sourceField"],
      [[{ sourceField: "lead.contact.email", targetField: "crm.premium", transform: "cents_to_decimal" }], "mappings.0.transform"],
      [[{ sourceField: "lead.source", targetField: "crm.source", transform: "rot13" }], "mappings.0.transform"],
      [[{ sourceField: "lead.source" }], "mappings.0.targetField"],
    ];
    for (const [mappings, path] of cases) {
      const res = await putMappings(id, c.accountOwner, mappings);
      expect(res.status, `${JSON.stringify(mappings)}: ${res.text}`).toBe(422);
      expect(paths(res)).toEqual([path]);
    }
    // None of the refusals changed the stored set.
    const rows = await db().select().from(integrationMappings).where(eq(integrationMappings.integrationId, id));
    expect(rows.map((r) => r.sourceField).sort()).toEqual(good.map((m) => m.sourceField).sort());

    // Members, the partner: 403. Clearing with [] works.
    for (const cookie of [c.accountMember, c.partnerOwner]) expect((await putMappings(id, cookie, [])).status).toBe(403);
    const cleared = await putMappings(id, c.accountAdmin, []);
    expect(cleared.status).toBe(200);
    expect(cleared.body.data).toEqual([]);
  });

  it("takes any target field when the app lists no mappableFields", async () => {
    const i = await installIntegration(db(), { mappableFields: [] });
    const res = await putMappings(i.integration.id, await sessionCookie(i.owner.id), [{ sourceField: "claim.claimNumber", targetField: "Claim No." }]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.data[0]).toMatchObject({ sourceField: "claim.claimNumber", targetField: "Claim No.", transform: "none" });
  });

  it("previews stored and unsaved mappings on a sample event", async () => {
    const i = await installIntegration(db());
    const c = await integrationCallers(db(), i);
    const id = i.integration.id;
    await putMappings(id, c.accountOwner, [
      { sourceField: "lead.contact.email", targetField: "crm.email", transform: "uppercase" },
      { sourceField: "policy.premiumCents", targetField: "crm.premium", transform: "cents_to_decimal" },
    ]);
    const data = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "web", lineOfBusiness: "auto", contact: { name: "Dana", email: "Dana@Example.com" }, createdAt: "2026-11-01T09:30:00.000Z" };
    const stored = await preview(id, c.partnerOwner, { event: { type: "lead.created", data } });
    expect(stored.status, stored.text).toBe(200);
    expect(stored.body.mapped).toEqual({ "crm.email": "DANA@EXAMPLE.COM" });
    expect(stored.body.results).toEqual([
      { sourceField: "lead.contact.email", targetField: "crm.email", transform: "uppercase", applies: true, input: "Dana@Example.com", output: "DANA@EXAMPLE.COM" },
      { sourceField: "policy.premiumCents", targetField: "crm.premium", transform: "cents_to_decimal", applies: false },
    ]);

    // Unsaved mappings on the type's example payload (no data sent).
    const unsaved = await preview(id, c.accountMember, {
      event: { type: "policy.created" },
      mappings: [
        { sourceField: "policy.premiumCents", targetField: "crm.premium", transform: "cents_to_decimal" },
        { sourceField: "policy.effectiveDate", targetField: "crm.startDate", transform: "date_iso" },
      ],
    });
    expect(unsaved.status, unsaved.text).toBe(200);
    expect(unsaved.body.mapped).toEqual({ "crm.premium": "1284.00", "crm.startDate": "2026-12-01" });

    const invalid = await preview(id, c.accountOwner, { event: { type: "lead.created" }, mappings: [{ sourceField: "lead.nope", targetField: "crm.email" }] });
    expect(invalid.status).toBe(422);
    expect(paths(invalid)).toEqual(["mappings.0.sourceField"]);
    const unknownType = await preview(id, c.accountOwner, { event: { type: "lead.exploded" } });
    expect(unknownType.status).toBe(422);
    expect(paths(unknownType)).toEqual(["event.type"]);
    // The preview saved nothing.
    const rows = await db().select().from(integrationMappings).where(eq(integrationMappings.integrationId, id));
    expect(rows.map((r) => r.targetField).sort()).toEqual(["crm.email", "crm.premium"]);
    expect((await preview(id, await sessionCookie((await installIntegration(db())).owner.id), { event: { type: "lead.created" } })).status).toBe(404);
  });
});
