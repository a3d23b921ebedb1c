import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as appStep from "@/app/api/v1/applications/[id]/deprecate/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as listingRoute from "@/app/api/v1/marketplace/listings/[slug]/route";
import * as uninstallRoute from "@/app/api/v1/marketplace/installations/[id]/uninstall/route";
import * as installRouteModule from "@/app/api/v1/marketplace/listings/[slug]/install/route";
import { events, integrations, listings, oauthConsents, oauthTokens } from "@/db/schema";
import { probesSettled } from "@/lib/applications/check-runs";
import { callRoute } from "@/lib/testing/call-route";
import { addAccountMember, createAccountWithMember, createApiKey, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { answerConsentFor, exchangeCode, installableListing, installApp, startInstall } from "@/lib/testing/install-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { flushListingStats } from "@/lib/marketplace/listing-stats";
import { decideInstallConsent } from "./install-consent";
import { authorizeParamsFrom } from "@/lib/oauth/authorization-code";

const db = useTestDb();
afterAll(() => flushListingStats(db()));
afterAll(() => probesSettled());

async function customer() {
  const { account, user } = await createAccountWithMember(db());
  return { account, user, userId: user.id, cookie: await sessionCookie(user.id) };
}

const uninstall = (id: string, cookie: string) =>
  callRoute(uninstallRoute.POST, { path: `/api/v1/marketplace/installations/${id}/uninstall`, params: { id }, cookie, method: "POST" });
const installCount = async (listingId: string) => (await db().select({ n: listings.installCount }).from(listings).where(eq(listings.id, listingId)))[0].n;
const integrationRow = async (id: string) => (await db().select().from(integrations).where(eq(integrations.id, id)))[0];
const eventsOf = (type: string, integrationId: string) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.type, type)))
    .then((rows) => rows.filter((e) => (e.data as { integrationId?: string }).integrationId === integrationId));

describe("installing through consent", () => {
  it("starts pending, and Authorize makes it active, counts it, tells the partner and gives the app a code it can exchange", async () => {
    const l = await installableListing(db());
    const c = await customer();
    const started = await startInstall(l.slug, c.cookie);
    expect(started.status, started.text).toBe(201);
    expect(started.body).toMatchObject({ status: "pending", listingId: l.listingId, applicationId: l.id, accountId: c.account.id });
    const url = new URL(started.body.authorizeUrl);
    expect(url.pathname).toBe("/oauth/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: l.clientId,
      redirect_uri: l.redirectUri,
      state: started.body.id,
      installation: started.body.id,
    });
    expect(url.searchParams.get("scope")!.split(" ").sort()).toEqual(["read:claims", "write:claims"]);
    expect(await installCount(l.listingId)).toBe(0);

    // The consent page shows the app, the partner, the account and the price.
    const consent = await decideInstallConsent(db(), authorizeParamsFrom((n) => url.searchParams.get(n)), c.userId);
    expect(consent.kind).toBe("install_consent");
    if (consent.kind !== "install_consent") return;
    expect(consent.install).toMatchObject({ accountId: c.account.id, accountName: c.account.name, pricing: { model: "free" } });
    expect(consent.request.client.partnerName).toBe(l.partner.name);

    const answer = await answerConsentFor(db(), started.body.authorizeUrl, c.userId, { approve: true });
    expect(answer.kind).toBe("redirect");
    if (answer.kind !== "redirect") return;
    const back = new URL(answer.url);
    expect(`${back.origin}${back.pathname}`).toBe(l.redirectUri);
    expect(back.searchParams.get("state")).toBe(started.body.id);
    const row = await integrationRow(started.body.id);
    expect(row).toMatchObject({ status: "active", accountId: c.account.id, installedBy: c.userId });
    expect(row.connectedAt).toBeInstanceOf(Date);
    expect(await installCount(l.listingId)).toBe(1);
    const connected = await eventsOf("integration.connected", started.body.id);
    expect(connected).toHaveLength(1);
    expect(connected[0]).toMatchObject({ partnerId: l.partner.id, data: { integrationId: started.body.id, applicationId: l.id, accountId: c.account.id } });

    // The partner's server exchanges the code with the app's client; the token acts for the account.
    const tokens = await exchangeCode(l, back.searchParams.get("code")!, l.redirectUri);
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200);
    const me = await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: tokens.body.access_token });
    expect(me.status, me.text).toBe(200);
    expect(me.body.accountId ?? me.body.account?.id).toBe(c.account.id);
  });

  it("Deny removes the pending integration and tells the app access_denied", async () => {
    const l = await installableListing(db());
    const c = await customer();
    const started = await startInstall(l.slug, c.cookie);
    const answer = await answerConsentFor(db(), started.body.authorizeUrl, c.userId, { approve: false });
    expect(answer.kind === "redirect" && new URL(answer.url).searchParams.get("error")).toBe("access_denied");
    expect(await integrationRow(started.body.id)).toBeUndefined();
    expect(await installCount(l.listingId)).toBe(0);
    // The link is spent: a second answer is an error page, not an install.
    const again = await answerConsentFor(db(), started.body.authorizeUrl, c.userId, { approve: true });
    expect(again.kind).toBe("error_page");
  });

  it("a second start reuses the pending install; once active, another is 409 ALREADY_INSTALLED", async () => {
    const l = await installableListing(db());
    const c = await customer();
    const a = await startInstall(l.slug, c.cookie);
    const b = await startInstall(l.slug, c.cookie);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(a.body.id);
    await answerConsentFor(db(), b.body.authorizeUrl, c.userId, { approve: true });
    const c2 = await startInstall(l.slug, c.cookie);
    expect(c2.status).toBe(409);
    expect(c2.body.code).toBe("ALREADY_INSTALLED");
  });

  it("only the account's owners and admins install; another account is not found; a retired app takes none", async () => {
    const l = await installableListing(db());
    const c = await customer();
    const member = await addAccountMember(db(), c.account.id, "member");
    const denied = await startInstall(l.slug, await sessionCookie(member.id));
    expect(denied.status).toBe(403);
    const admin = await addAccountMember(db(), c.account.id, "admin");
    expect((await startInstall(l.slug, await sessionCookie(admin.id))).status).toBe(201);

    const other = await customer();
    const foreign = await startInstall(l.slug, other.cookie, { accountId: c.account.id });
    expect(foreign.status).toBe(404);
    const nobody = await startInstall(l.slug, await sessionCookie((await createUser(db())).id));
    expect(nobody.status).toBe(403);
    expect((await startInstall("no-such-listing", c.cookie)).status).toBe(404);

    const dep = await callRoute(appStep.POST, {
      path: `/api/v1/applications/${l.id}/deprecate`,
      params: { id: l.id },
      cookie: l.cookie,
      body: { sunsetAt: new Date(Date.now() + 60 * 86_400_000).toISOString(), message: "Moving to v2" },
    });
    expect(dep.status, dep.text).toBe(200);
    const retired = await startInstall(l.slug, other.cookie);
    expect(retired.status).toBe(409);
    expect(retired.body.code).toBe("APP_DEPRECATED");
  });

  it("a member of several agencies picks the account on the consent page; a member's link cannot be completed by a stranger", async () => {
    const l = await installableListing(db(), { pricing: { model: "paid", monthlyPriceCents: 4900 } });
    const c = await customer();
    const second = await createAccountWithMember(db());
    // c's user is also an admin of the second agency.
    await db().insert((await import("@/db/schema")).accountMembers).values({ accountId: second.account.id, userId: c.userId, role: "admin" });
    const started = await startInstall(l.slug, c.cookie);
    const url = new URL(started.body.authorizeUrl);
    const consent = await decideInstallConsent(db(), authorizeParamsFrom((n) => url.searchParams.get(n)), c.userId);
    expect(consent.kind === "install_consent" && consent.accounts.map((a) => a.id).sort()).toEqual([c.account.id, second.account.id].sort());
    expect(consent.kind === "install_consent" && consent.install.pricing).toEqual({ model: "paid", monthlyPriceCents: 4900 });

    const stranger = await customer();
    expect((await answerConsentFor(db(), started.body.authorizeUrl, stranger.userId, { approve: true })).kind).toBe("error_page");
    expect((await answerConsentFor(db(), started.body.authorizeUrl, c.userId, { approve: true, accountId: stranger.account.id })).kind).toBe("error_page");

    const answer = await answerConsentFor(db(), started.body.authorizeUrl, c.userId, { approve: true, accountId: second.account.id });
    expect(answer.kind).toBe("redirect");
    expect((await integrationRow(started.body.id)).accountId).toBe(second.account.id);
  });
});

describe("uninstalling", () => {
  it("disconnects, revokes every token at once, drops the count, tells the partner, and a reinstall is a new integration", async () => {
    const l = await installableListing(db());
    const c = await customer();
    const { integrationId, code } = await installApp(db(), l, c);
    const tokens = await exchangeCode(l, code, l.redirectUri);
    const bearer = tokens.body.access_token!;
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer })).status).toBe(200);
    expect(await installCount(l.listingId)).toBe(1);

    const member = await addAccountMember(db(), c.account.id, "member");
    expect((await uninstall(integrationId, await sessionCookie(member.id))).status).toBe(403);
    expect((await uninstall(integrationId, (await customer()).cookie)).status).toBe(404);

    const res = await uninstall(integrationId, c.cookie);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: integrationId, status: "disconnected", revokedTokens: 2 });
    // At once: the cached verification of this token is gone too.
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer })).status).toBe(401);
    const live = await db().select().from(oauthTokens).where(eq(oauthTokens.accountId, c.account.id));
    expect(live.every((t) => t.revokedAt)).toBe(true);
    const [consent] = await db().select().from(oauthConsents).where(eq(oauthConsents.accountId, c.account.id));
    expect(consent.revokedAt).toBeInstanceOf(Date);
    expect(await installCount(l.listingId)).toBe(0);
    expect(await eventsOf("integration.disconnected", integrationId)).toHaveLength(1);
    const row = await integrationRow(integrationId);
    expect(row).toMatchObject({ status: "disconnected", uninstalledBy: c.userId });

    const again = await uninstall(integrationId, c.cookie);
    expect(again.status).toBe(409);

    const re = await installApp(db(), l, c);
    expect(re.integrationId).not.toBe(integrationId);
    expect(await installCount(l.listingId)).toBe(1);
    // The listing page counts it.
    const page = await callRoute(listingRoute.GET, { path: `/api/v1/marketplace/listings/${l.slug}`, params: { slug: l.slug } });
    expect(page.body.installCount).toBe(1);
  });

  it("installs and uninstalls are a person's act: an app's own token and a partner's API key are refused", async () => {
    const l = await installableListing(db());
    const c = await customer();
    const { integrationId, code } = await installApp(db(), l, c);
    const bearer = (await exchangeCode(l, code, l.redirectUri)).body.access_token!;
    const other = await installableListing(db());
    const viaToken = await callRoute(installRouteModule.POST, {
      path: `/api/v1/marketplace/listings/${other.slug}/install`,
      params: { slug: other.slug },
      bearer,
      body: {},
    });
    expect([401, 403]).toContain(viaToken.status);
    const selfUninstall = await callRoute(uninstallRoute.POST, { path: `/api/v1/marketplace/installations/${integrationId}/uninstall`, params: { id: integrationId }, bearer, method: "POST" });
    expect([401, 403]).toContain(selfUninstall.status);
    const key = await createApiKey(db(), l.partner.id, { scopes: ["write:marketplace"], createdBy: l.user.id });
    const viaKey = await callRoute(uninstallRoute.POST, { path: `/api/v1/marketplace/installations/${integrationId}/uninstall`, params: { id: integrationId }, bearer: key.key, method: "POST" });
    expect([401, 403]).toContain(viaKey.status);
    expect((await integrationRow(integrationId)).status).toBe("active");
    expect((await db().select().from(integrations).where(eq(integrations.applicationId, other.id))).length).toBe(0);
  });
});

