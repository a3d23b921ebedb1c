import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as appRoute from "@/app/api/v1/applications/[id]/route";
import * as appsRoute from "@/app/api/v1/applications/route";
import * as checksRoute from "@/app/api/v1/applications/[id]/security-checks/route";
import * as deprecateRoute from "@/app/api/v1/applications/[id]/deprecate/route";
import * as rejectRoute from "@/app/api/v1/applications/[id]/reject/route";
import * as secretRoute from "@/app/api/v1/applications/[id]/signing-secret/route";
import * as rotateSecretRoute from "@/app/api/v1/applications/[id]/signing-secret/rotate/route";
import * as timelineRoute from "@/app/api/v1/applications/[id]/timeline/route";
import * as versionsRoute from "@/app/api/v1/applications/[id]/versions/route";
import * as queueRoute from "@/app/api/v1/applications/review-queue/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as clientRoute from "@/app/api/v1/oauth-clients/[id]/route";
import * as clientsRoute from "@/app/api/v1/oauth-clients/route";
import { accounts, applications, auditLog, integrations, notifications, oauthClients } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { addAccountMember, createAccountWithMember } from "@/lib/testing/fixtures";
import { adminCookie, createApp, goodApplication, installToken, partnerOwner, publishedApp, step } from "@/lib/testing/application-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { hashSecret } from "@/lib/oauth/token-format";
import { probesSettled } from "./check-runs";

const db = useTestDb();

const get = (id: string, cookie: string) => callRoute(appRoute.GET, { path: `/api/v1/applications/${id}`, params: { id }, cookie });
const patch = (id: string, cookie: string, body: unknown) =>
  callRoute(appRoute.PATCH, { method: "PATCH", path: `/api/v1/applications/${id}`, params: { id }, cookie, body });
const checks = (id: string, cookie: string) => callRoute(checksRoute.GET, { path: `/api/v1/applications/${id}/security-checks`, params: { id }, cookie });
const deprecate = (id: string, cookie: string, body: unknown) =>
  callRoute(deprecateRoute.POST, { path: `/api/v1/applications/${id}/deprecate`, params: { id }, cookie, body });
const me = (bearer: string) => callRoute(meRoute.GET, { path: "/api/v1/me", bearer });
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describe("application lifecycle through the API", () => {
  it("walks draft → submitted → in_review → approved → published, creating the OAuth client and signing secret", async () => {
    const owner = await partnerOwner(db());
    const admin = await adminCookie(db());
    const created = await createApp(owner.cookie);
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: "draft", partnerId: owner.partner.id, oauthClientId: null, liveVersion: null, actions: ["submit"] });
    expect(created.body.currentVersion).toMatchObject({ version: "1.0.0", status: "draft", requestedScopes: ["read:claims", "write:claims"] });

    const submitted = await step("submit", id, owner.cookie);
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.status).toBe("submitted");
    const queue = await callRoute(queueRoute.GET, { path: "/api/v1/applications/review-queue", cookie: admin });
    expect(queue.body.data.map((q: { applicationId: string }) => q.applicationId)).toContain(id);

    expect((await step("review", id, admin)).body.status).toBe("in_review");
    expect((await step("approve", id, admin, { notes: "Clean.", checklist: { scopes: true } })).body.status).toBe("approved");
    const told = await db().select().from(notifications).where(eq(notifications.userId, owner.user.id));
    expect(told.map((n) => n.kind)).toContain("application.approved");

    const published = await step("publish", id, owner.cookie);
    expect(published.status, published.text).toBe(200);
    expect(published.body).toMatchObject({ status: "published", liveVersion: { version: "1.0.0", status: "published" } });
    expect(published.body.clientSecret).toMatch(/^prts_/);
    expect(published.body.clientId).toMatch(/^prtc_/);

    const [client] = await db().select().from(oauthClients).where(eq(oauthClients.applicationId, id));
    expect(client).toMatchObject({ id: published.body.oauthClientId, type: "confidential", scopes: ["read:claims", "write:claims"], grantTypes: ["authorization_code", "refresh_token"] });
    expect(client.secretHash).toBe(hashSecret(published.body.clientSecret));
    const listed = await callRoute(clientsRoute.GET, { path: "/api/v1/oauth-clients", cookie: owner.cookie });
    expect(listed.body.data).toEqual([expect.objectContaining({ id: client.id, applicationId: id })]);
    // The client follows the app: it is not edited on its own.
    const edit = await callRoute(clientRoute.PATCH, { method: "PATCH", path: `/api/v1/oauth-clients/${client.id}`, params: { id: client.id }, cookie: owner.cookie, body: { scopes: ["read:*"] } });
    expect(edit.status).toBe(409);

    const secret = await callRoute(secretRoute.GET, { path: `/api/v1/applications/${id}/signing-secret`, params: { id }, cookie: owner.cookie });
    expect(secret.body.secret).toMatch(/^whsec_/);
    const [row] = await db().select().from(applications).where(eq(applications.id, id));
    expect(row.signingSecretCiphertext).not.toContain(secret.body.secret.slice(6));
    const rotated = await callRoute(rotateSecretRoute.POST, { method: "POST", path: `/api/v1/applications/${id}/signing-secret/rotate`, params: { id }, cookie: owner.cookie });
    expect(rotated.body.secret).not.toBe(secret.body.secret);
    expect(rotated.body.previousSecret).toBe(secret.body.secret);

    // A second publish is a wrong transition naming the status.
    const again = await step("publish", id, owner.cookie);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "INVALID_TRANSITION", errors: [{ path: "status", message: "is published" }] });

    const timeline = await callRoute(timelineRoute.GET, { path: `/api/v1/applications/${id}/timeline`, params: { id }, cookie: owner.cookie });
    expect(timeline.body.data.map((e: { action: string }) => e.action).reverse()).toEqual([
      "application.created",
      "application.submit",
      "application.review",
      "application.approve",
      "application.publish",
      "application.signing_secret_rotated",
    ]);
  });

  it("refuses a submit with failed checks: 422 naming each field, the app stays draft", async () => {
    const owner = await partnerOwner(db());
    const created = await createApp(owner.cookie, goodApplication({ redirectUris: ["http://bridge.example.com/cb"], requestedScopes: ["read:claims", "admin"], privacyPolicyUrl: null }));
    const id = created.body.id;
    const res = await step("submit", id, owner.cookie);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("SECURITY_CHECKS_FAILED");
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["privacyPolicyUrl", "redirectUris", "requestedScopes"]);
    expect((await get(id, owner.cookie)).body.status).toBe("draft");
    const stored = await checks(id, owner.cookie);
    expect(stored.body.data.filter((c: { status: string }) => c.status === "failed").map((c: { check: string }) => c.check).sort()).toEqual([
      "privacy_policy_url",
      "redirect_uris_secure",
      "scopes_allowed",
    ]);

    // Fixed, it goes through; the probes finish in the background.
    expect((await patch(id, owner.cookie, { redirectUris: ["https://bridge.example.com/cb"], requestedScopes: ["read:claims"], privacyPolicyUrl: "https://bridge.example.com/p" })).status).toBe(200);
    expect((await step("submit", id, owner.cookie)).body.status).toBe("submitted");
    await probesSettled();
    const after = await checks(id, owner.cookie);
    expect(after.body.running).toEqual([]);
    expect(after.body.data.map((c: { check: string }) => c.check)).toEqual(expect.arrayContaining(["health_check_responds", "webhook_rejects_unsigned"]));
    expect(after.body.data.every((c: { status: string }) => c.status !== "failed")).toBe(true);
  });

  it("rejects with a reason the partner sees; an edit returns it to draft and it can be resubmitted", async () => {
    const owner = await partnerOwner(db());
    const admin = await adminCookie(db());
    const id = (await createApp(owner.cookie)).body.id;
    await step("submit", id, owner.cookie);
    const noReason = await callRoute(rejectRoute.POST, { path: `/api/v1/applications/${id}/reject`, params: { id }, cookie: admin, body: {} });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].path).toBe("reason");
    const rejected = await callRoute(rejectRoute.POST, { path: `/api/v1/applications/${id}/reject`, params: { id }, cookie: admin, body: { reason: "Justify write:claims in words an agency understands." } });
    expect(rejected.body).toMatchObject({ status: "rejected", currentVersion: { reviewNotes: "Justify write:claims in words an agency understands." } });
    const [note] = await db().select().from(notifications).where(and(eq(notifications.userId, owner.user.id), eq(notifications.kind, "application.rejected")));
    expect(note.body).toContain("Justify write:claims");
    expect((await patch(id, owner.cookie, { description: `${goodApplication().description} Now with reasons.` })).body.status).toBe("draft");
    expect((await step("submit", id, owner.cookie)).body.status).toBe("submitted");
  });

  it("refuses edits while in review, and deletes only never-published apps", async () => {
    const owner = await partnerOwner(db());
    const draft = (await createApp(owner.cookie)).body.id;
    const reviewing = (await createApp(owner.cookie)).body.id;
    await step("submit", reviewing, owner.cookie);
    const edit = await patch(reviewing, owner.cookie, { requestedScopes: ["read:claims"] });
    expect(edit.status).toBe(409);
    expect(edit.body.errors[0]).toEqual({ path: "status", message: "is submitted" });
    const del = (id: string, cookie: string) => callRoute(appRoute.DELETE, { method: "DELETE", path: `/api/v1/applications/${id}`, params: { id }, cookie });
    expect((await del(draft, owner.cookie)).status).toBe(204);
    expect((await get(draft, owner.cookie)).status).toBe(404);
    const live = await publishedApp(db());
    const refused = await del(live.id, live.cookie);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("INVALID_TRANSITION");
  });

  it("lets exactly one of two concurrent transitions win", async () => {
    const owner = await partnerOwner(db());
    const [a, b] = [await adminCookie(db()), await adminCookie(db())];
    const id = (await createApp(owner.cookie)).body.id;
    await step("submit", id, owner.cookie);
    const results = await Promise.all([step("review", id, a), step("review", id, b)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const both = await Promise.all([step("approve", id, a), callRoute(rejectRoute.POST, { path: `/api/v1/applications/${id}/reject`, params: { id }, cookie: b, body: { reason: "Conflicting decision here." } })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const final = (await get(id, owner.cookie)).body.status;
    expect(["approved", "rejected"]).toContain(final);
  });
});

describe("versions of a published app", () => {
  it("opens a new version for a scope change; the live one keeps serving tokens until the new one is published", async () => {
    const live = await publishedApp(db());
    const { token, client } = await installToken(db(), live.id);
    expect((await me(token)).status).toBe(200);

    const missing = await patch(live.id, live.cookie, { requestedScopes: ["read:claims", "write:claims", "read:policies"] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(["version", "changelog"]);
    const lower = await patch(live.id, live.cookie, { requestedScopes: ["read:policies"], version: "1.0.0", changelog: "x" });
    expect(lower.body.errors[0]).toMatchObject({ path: "version" });

    const opened = await patch(live.id, live.cookie, {
      requestedScopes: ["read:claims", "write:claims", "read:policies"],
      version: "1.1.0",
      changelog: "Reads policies to attach them to claims.",
      description: `${goodApplication().description} Updated copy applies at once.`,
    });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.body).toMatchObject({ status: "published", currentVersion: { version: "1.1.0", status: "draft" }, liveVersion: { version: "1.0.0" } });
    expect(opened.body.description).toContain("applies at once");

    expect((await step("submit", live.id, live.cookie)).body).toMatchObject({ status: "published", currentVersion: { status: "submitted" } });
    expect((await step("review", live.id, live.admin)).body.currentVersion.status).toBe("in_review");
    // While the new version is in review, the live client and its tokens are untouched.
    const [during] = await db().select().from(oauthClients).where(eq(oauthClients.id, client.id));
    expect(during.scopes).toEqual(["read:claims", "write:claims"]);
    expect((await me(token)).status).toBe(200);

    await step("approve", live.id, live.admin);
    const published = await step("publish", live.id, live.cookie);
    expect(published.status, published.text).toBe(200);
    expect(published.body.clientSecret).toBeUndefined();
    expect(published.body).toMatchObject({ status: "published", liveVersion: { version: "1.1.0" }, currentVersion: { version: "1.1.0" } });
    const [after] = await db().select().from(oauthClients).where(eq(oauthClients.id, client.id));
    expect(after.scopes).toEqual(["read:claims", "write:claims", "read:policies"]);
    // Widening keeps existing tokens (installers re-consent for the new scope).
    expect((await me(token)).status).toBe(200);

    const versions = await callRoute(versionsRoute.GET, { path: `/api/v1/applications/${live.id}/versions`, params: { id: live.id }, cookie: live.cookie });
    expect(versions.body.data.map((v: { version: string }) => v.version)).toEqual(["1.1.0", "1.0.0"]);
  });

  it("applies cosmetic changes at once without a version", async () => {
    const live = await publishedApp(db());
    // Resending the versioned fields as they are (in another order) is not a change.
    const res = await patch(live.id, live.cookie, {
      name: "Renamed Bridge",
      supportEmail: "help@bridge.example.com",
      requestedScopes: ["write:claims", "read:claims", "read:claims"],
      scopeJustifications: { "write:claims": "Updates claim status when the adjuster closes a file." },
      mappableFields: [],
    });
    expect(res.body).toMatchObject({ name: "Renamed Bridge", supportEmail: "help@bridge.example.com", currentVersion: { version: "1.0.0", status: "published" } });
    const [client] = await db().select().from(oauthClients).where(eq(oauthClients.applicationId, live.id));
    expect(client.name).toBe("Renamed Bridge");
  });

  it("still checks the cosmetic fields customers rely on: no removing the privacy policy or the support address of a live app", async () => {
    const live = await publishedApp(db());
    for (const [body, field] of [
      [{ privacyPolicyUrl: null }, "privacyPolicyUrl"],
      [{ privacyPolicyUrl: "http://bridge.example.com/privacy" }, "privacyPolicyUrl"],
      [{ supportEmail: null }, "supportEmail"],
      [{ logoUrl: "http://bridge.example.com/logo.png" }, "logoUrl"],
    ] as const) {
      const res = await patch(live.id, live.cookie, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body).toMatchObject({ code: "SECURITY_CHECKS_FAILED", errors: [{ path: field }] });
    }
    const after = (await get(live.id, live.cookie)).body;
    expect(after).toMatchObject({ privacyPolicyUrl: "https://bridge.example.com/privacy", supportEmail: "support@bridge.example.com" });
  });
});

describe("deprecation", () => {
  it("needs 30 days' notice from a partner, tells installers, announces the sunset, then stops the app's tokens", async () => {
    const live = await publishedApp(db());
    const { token, account } = await installToken(db(), live.id);
    await db().insert(integrations).values({ accountId: account.id, applicationId: live.id, partnerId: live.partner.id, status: "active" });

    const soon = await deprecate(live.id, live.cookie, { sunsetAt: days(10), message: "Moving to v2." });
    expect(soon.status).toBe(422);
    expect(soon.body.errors[0].path).toBe("sunsetAt");

    const sunsetAt = days(45);
    const res = await deprecate(live.id, live.cookie, { sunsetAt, message: "Acme Claims Sync 2 replaces this app." });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: "deprecated", deprecationMessage: "Acme Claims Sync 2 replaces this app." });
    const told = await db().select().from(notifications).where(eq(notifications.kind, "application.deprecated"));
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain("replaces this app");

    const before = await me(token);
    expect(before.status).toBe(200);
    expect(before.headers.get("sunset")).toBe(new Date(sunsetAt).toUTCString());
    expect(before.headers.get("deprecation")).toMatch(/^@\d+$/);
    // Not on other callers' responses.
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", cookie: live.cookie })).headers.get("sunset")).toBeNull();

    // An admin may bring the sunset forward to any future time; once past, the token is refused.
    await db().update(applications).set({ sunsetAt: new Date(Date.now() - 1000) }).where(eq(applications.id, live.id));
    const { forgetTokens } = await import("@/lib/oauth/token-cache");
    forgetTokens();
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("APP_SUNSET");
  });

  it("counts in the audit entry the installing accounts whose members were told, not accounts nobody belongs to", async () => {
    const live = await publishedApp(db());
    const told = await createAccountWithMember(db());
    await addAccountMember(db(), told.account.id);
    const [empty] = await db().insert(accounts).values({ name: "Nobody Agency", slug: `nobody-${live.id.slice(0, 8)}` }).returning();
    for (const accountId of [told.account.id, empty.id]) {
      await db().insert(integrations).values({ accountId, applicationId: live.id, partnerId: live.partner.id, status: "active" });
    }
    const res = await deprecate(live.id, live.cookie, { sunsetAt: days(45), message: "Moving to the new app." });
    expect(res.status, res.text).toBe(200);
    const notes = await db().select().from(notifications).where(and(eq(notifications.kind, "application.deprecated"), eq(notifications.body, "Moving to the new app.")));
    expect(notes).toHaveLength(2);
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.action, "application.deprecate"), eq(auditLog.targetId, live.id)));
    expect(entry.details).toMatchObject({ installersNotified: 1 });
  });

  it("lets an admin set a near sunset, and refuses every step after deprecation", async () => {
    const live = await publishedApp(db());
    const res = await deprecate(live.id, live.admin, { sunsetAt: days(1), message: "Security incident: retired." });
    expect(res.status, res.text).toBe(200);
    const again = await deprecate(live.id, live.cookie, { sunsetAt: days(60), message: "again" });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toEqual({ path: "status", message: "is deprecated" });
    expect((await patch(live.id, live.cookie, { name: "Still here" })).status).toBe(409);
  });
});

describe("listing", () => {
  it("shows a partner its own apps only, and admins every partner's", async () => {
    const a = await partnerOwner(db());
    const b = await partnerOwner(db());
    const admin = await adminCookie(db());
    const mine = (await createApp(a.cookie)).body.id;
    const theirs = (await createApp(b.cookie)).body.id;
    const list = (cookie: string, q = "") => callRoute(appsRoute.GET, { path: `/api/v1/applications${q}`, cookie });
    expect((await list(a.cookie)).body.data.map((x: { id: string }) => x.id)).toEqual([mine]);
    expect((await get(theirs, a.cookie)).status).toBe(404);
    const all = (await list(admin, `?partnerId=${b.partner.id}`)).body.data.map((x: { id: string }) => x.id);
    expect(all).toEqual([theirs]);
  });
});
