import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as tokenRoute from "@/app/api/oauth/token/route";
import * as appRoute from "@/app/api/v1/applications/[id]/route";
import * as deprecateRoute from "@/app/api/v1/applications/[id]/deprecate/route";
import * as rejectRoute from "@/app/api/v1/applications/[id]/reject/route";
import * as queueRoute from "@/app/api/v1/applications/review-queue/route";
import * as meRoute from "@/app/api/v1/me/route";
import { oauthTokens, partnerMembers, users } from "@/db/schema";
import { generateRefreshToken } from "@/lib/oauth/refresh";
import { hashSecret } from "@/lib/oauth/token-format";
import { createApp, goodApplication, installToken, partnerOwner, publishedApp, step } from "@/lib/testing/application-fixtures";
import { callRoute } from "@/lib/testing/call-route";
import { sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";

// The class behind each review finding of issue 14, tested at its root.

const db = useTestDb();
const patch = (id: string, cookie: string, body: unknown) => callRoute(appRoute.PATCH, { method: "PATCH", path: `/api/v1/applications/${id}`, params: { id }, cookie, body });
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

async function newVersion(live: Awaited<ReturnType<typeof publishedApp>>, body: Record<string, unknown>) {
  expect((await patch(live.id, live.cookie, { version: "1.1.0", changelog: "Narrower access.", ...body })).status).toBe(200);
  for (const [name, cookie] of [["submit", live.cookie], ["review", live.admin], ["approve", live.admin], ["publish", live.cookie]] as const) {
    const res = await step(name, live.id, cookie);
    expect(res.status, `${name}: ${res.text}`).toBe(200);
  }
}

describe("scopes taken away from an app's client", () => {
  it("are gone from its tokens at once, and from every token minted later from an older grant (refresh)", async () => {
    const live = await publishedApp(db());
    const { token, client, user, account } = await installToken(db(), live.id);
    // A refresh token from before the narrowing, carrying both scopes.
    const refresh = generateRefreshToken();
    await db().insert(oauthTokens).values({
      kind: "refresh",
      tokenHash: hashSecret(refresh),
      clientId: client.id,
      userId: user.id,
      accountId: account.id,
      partnerId: client.partnerId,
      scopes: ["read:claims", "write:claims"],
      familyId: randomUUID(),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    // Taken before the refresh token is revoked with the others: a grant that slipped past the revocation.
    await db().update(oauthTokens).set({ revokedAt: null }).where(eq(oauthTokens.tokenHash, hashSecret(refresh)));

    await newVersion(live, { requestedScopes: ["read:claims"], scopeJustifications: {} });
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: token })).status).toBe(401);

    await db().update(oauthTokens).set({ revokedAt: null }).where(eq(oauthTokens.tokenHash, hashSecret(refresh)));
    const res = await callRoute(tokenRoute.POST, {
      method: "POST",
      path: "/api/oauth/token",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${live.app.clientId}:${live.app.clientSecret}`).toString("base64")}`,
      },
      rawBody: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refresh }).toString(),
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.scope).toBe("read:claims");
    const issued = await db().select().from(oauthTokens).where(eq(oauthTokens.tokenHash, hashSecret(res.body.access_token)));
    expect(issued[0].scopes).toEqual(["read:claims"]);
  });
});

describe("review is done by someone else", () => {
  it("refuses a platform admin who is a member of the app's partner", async () => {
    const owner = await partnerOwner(db());
    await db().update(users).set({ isPlatformAdmin: true }).where(eq(users.id, owner.user.id));
    const id = (await createApp(owner.cookie)).body.id;
    expect((await step("submit", id, owner.cookie)).status).toBe(200);
    const self = await step("review", id, owner.cookie);
    expect(self.status).toBe(403);
    expect(self.body.code).toBe("FORBIDDEN");
    // The same admin, once out of the partner, may review it.
    await db().delete(partnerMembers).where(eq(partnerMembers.userId, owner.user.id));
    expect((await step("review", id, await sessionCookie(owner.user.id))).status).toBe(200);
  });
});

describe("a deprecated app's pending version", () => {
  it("leaves the review queue and offers no step", async () => {
    const live = await publishedApp(db());
    expect((await patch(live.id, live.cookie, { version: "1.1.0", changelog: "More.", requestedScopes: ["read:claims", "write:claims", "read:policies"] })).status).toBe(200);
    expect((await step("submit", live.id, live.cookie)).status).toBe(200);
    const queued = async () => (await callRoute(queueRoute.GET, { path: "/api/v1/applications/review-queue?limit=100", cookie: live.admin })).body.data.map((q: { applicationId: string }) => q.applicationId);
    expect(await queued()).toContain(live.id);
    const dep = await callRoute(deprecateRoute.POST, { path: `/api/v1/applications/${live.id}/deprecate`, params: { id: live.id }, cookie: live.cookie, body: { sunsetAt: days(40), message: "Replaced." } });
    expect(dep.status, dep.text).toBe(200);
    expect(dep.body.actions).toEqual([]);
    expect(await queued()).not.toContain(live.id);
  });
});

describe("edits of a published app", () => {
  it("refuse a rename to a reserved or confusable name (no reviewer sees it), and accept a plain one", async () => {
    // A published app whose name the rename may not imitate.
    await publishedApp(db(), goodApplication({ name: "Claimsbridge Pro" }));
    const live = await publishedApp(db());
    for (const name of ["Portico Claims", "Claimsbr1dge Pro"]) {
      const res = await patch(live.id, live.cookie, { name });
      expect(res.status, name).toBe(422);
      expect(res.body).toMatchObject({ code: "SECURITY_CHECKS_FAILED", errors: [{ path: "name" }] });
    }
    expect((await patch(live.id, live.cookie, { name: "Adjuster Desk" })).status).toBe(200);
  });

  it("treat the version already live, resent with a cosmetic change, as no new version", async () => {
    const live = await publishedApp(db());
    const res = await patch(live.id, live.cookie, { version: "1.0.0", description: `${goodApplication().description} Again.` });
    expect(res.status, res.text).toBe(200);
    expect(res.body.currentVersion.id).toBe(res.body.liveVersion.id);
  });

  it("return a rejected pending version to draft on any edit", async () => {
    const live = await publishedApp(db());
    expect((await patch(live.id, live.cookie, { version: "1.1.0", changelog: "More.", requestedScopes: ["read:claims", "write:claims", "read:policies"] })).status).toBe(200);
    await step("submit", live.id, live.cookie);
    await callRoute(rejectRoute.POST, { path: `/api/v1/applications/${live.id}/reject`, params: { id: live.id }, cookie: live.admin, body: { reason: "The description must mention policies." } });
    const res = await patch(live.id, live.cookie, { description: `${goodApplication().description} It reads policies to attach them.` });
    expect(res.body).toMatchObject({ status: "published", currentVersion: { version: "1.1.0", status: "draft" } });
  });
});
