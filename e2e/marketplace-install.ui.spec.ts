import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { signInOverHttp } from "./support/auth";

// The install, end to end: the demo partner (Acme) publishes an app and lists it, and listens for
// integration events on its own (local) receiver. The demo customer installs it from the listing
// page through the consent page; the browser lands on the app's redirect URI with a code, which the
// app's client exchanges for a token acting for the agency. Uninstalling revokes that token at once.
// The e2e server runs with WEBHOOK_ALLOW_PRIVATE_URLS=1 (e2e/support/start-server.ts).

const REDIRECT = "http://localhost:9/cb";
const stamp = Date.now().toString(36);

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** Navigations to the app's redirect URI never leave the browser: we record them instead. */
async function catchRedirects(page: Page, pattern: string | RegExp = "http://localhost:9/**") {
  const seen: URL[] = [];
  await page.route(pattern, async (route) => {
    seen.push(new URL(route.request().url()));
    await route.fulfill({ status: 200, contentType: "text/plain", body: "callback received" });
  });
  return seen;
}

test("a customer installs an app through consent; the partner hears of it, the app gets a working token, and uninstalling revokes it", async ({
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/portico`;

  const partner = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const app = await playwright.request.newContext({ baseURL });
  const ctx = await browser.newContext();
  let endpointId: string | undefined;
  try {
    await signInOverHttp(partner, "partner@portico.test");
    await signInOverHttp(admin, "admin@portico.test");
    const endpoint = await ok<{ id: string; secret: string }>(
      await partner.post("/api/v1/webhooks/endpoints", { data: { url: hookUrl, eventTypes: ["integration.connected", "integration.disconnected"], description: `install spec ${stamp}` } }),
      "endpoint",
    );
    endpointId = endpoint.id;

    // Acme's new app, walked through review, and its listing.
    const name = `Policy Pulse ${stamp}`;
    const host = `policy-pulse-${stamp}.example.com`;
    const created = await ok<{ id: string }>(
      await partner.post("/api/v1/applications", {
        data: {
          name,
          description: "Reads the agency's policies and claims to alert producers when a client's coverage changes, so renewals never surprise anyone.",
          websiteUrl: `https://${host}`,
          logoUrl: `https://${host}/logo.png`,
          privacyPolicyUrl: `https://${host}/privacy`,
          supportEmail: `support@${host}`,
          redirectUris: [REDIRECT],
          requestedScopes: ["read:policies", "read:claims"],
        },
      }),
      "create app",
    );
    await ok(await partner.post(`/api/v1/applications/${created.id}/submit`, { data: {} }), "submit");
    await ok(await admin.post(`/api/v1/applications/${created.id}/review`, { data: {} }), "review");
    await ok(await admin.post(`/api/v1/applications/${created.id}/approve`, { data: {} }), "approve");
    const published = await ok<{ clientId: string; clientSecret: string }>(await partner.post(`/api/v1/applications/${created.id}/publish`, { data: {} }), "publish");
    const listing = await ok<{ slug: string; installCount: number }>(
      await partner.post("/api/v1/marketplace/listings", {
        data: { applicationId: created.id, tagline: "Coverage changes, flagged", description: "Alerts producers when coverage changes.", category: "policy-administration", tags: ["alerts"], pricing: { model: "paid", monthlyPriceCents: 2900 } },
      }),
      "listing",
    );

    // The customer installs from the listing page.
    const me = await signInOverHttp(ctx.request, "customer@portico.test");
    const page = await ctx.newPage();
    const seen = await catchRedirects(page);
    await page.goto(`/marketplace/apps/${listing.slug}`);
    await expect(page.getByRole("button", { name: "Install" })).toHaveAccessibleDescription(/review what it can access/);
    await page.getByRole("button", { name: "Install" }).click();
    await expect(page).toHaveURL(/\/oauth\/authorize\?/);
    await expect(page.getByRole("heading", { level: 1, name: `Install ${name}` })).toBeVisible();
    await expect(page.getByText("Acme Insurtech", { exact: true })).toBeVisible();
    await expect(page.getByText("Sunrise Agency", { exact: true })).toBeVisible();
    const permissions = page.getByRole("list", { name: "Requested permissions" });
    await expect(permissions).toContainText("Read your policies");
    await expect(permissions).toContainText("Read your claims");
    await expect(page.getByLabel("Price")).toContainText("$29/month");
    await page.screenshot({ path: "test-results/screens/install-consent.png", fullPage: true });
    await page.getByRole("button", { name: "Authorize and install" }).click();
    await expect.poll(() => seen.length).toBe(1);
    await page.waitForURL(/^http:\/\/localhost:9\/cb/);
    const code = seen[0].searchParams.get("code");
    const state = seen[0].searchParams.get("state");
    expect(code).toBeTruthy();
    expect(state).toMatch(/^[0-9a-f-]{36}$/);

    // The partner's receiver got integration.connected, signed with its endpoint's secret.
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const connected = received[0];
    const event = new Webhook(endpoint.secret).verify(connected.body, {
      "webhook-id": String(connected.headers["webhook-id"]),
      "webhook-timestamp": String(connected.headers["webhook-timestamp"]),
      "webhook-signature": String(connected.headers["webhook-signature"]),
    }) as { type: string; data: { integrationId: string; applicationId: string; accountId: string } };
    expect(event.type).toBe("integration.connected");
    expect(event.data).toEqual({ integrationId: state, applicationId: created.id, accountId: me.accountId });

    // The app's server redeems the code with its client and acts for the agency.
    const token = await ok<{ access_token: string; refresh_token: string }>(
      await app.post("/api/oauth/token", {
        form: { grant_type: "authorization_code", code: code!, redirect_uri: REDIRECT },
        headers: { authorization: `Basic ${Buffer.from(`${published.clientId}:${published.clientSecret}`).toString("base64")}` },
      }),
      "token",
    );
    const bearer = { authorization: `Bearer ${token.access_token}` };
    const asApp = await ok<{ type: string; accountId: string }>(await app.get("/api/v1/me", { headers: bearer }), "me as the app");
    expect(asApp).toMatchObject({ type: "oauth", accountId: me.accountId });

    // The listing page now says it is installed, and counts it.
    await page.goto(`/marketplace/apps/${listing.slug}`);
    await expect(page.getByRole("link", { name: "Installed: manage" })).toHaveAttribute("href", `/installed/${state}`);
    const after = await ok<{ installCount: number }>(await ctx.request.get(`/api/v1/marketplace/listings/${listing.slug}`), "listing after");
    expect(after.installCount).toBe(listing.installCount + 1);

    // Uninstall: the app's token stops working at once, and the partner hears that too.
    await ok(await ctx.request.post(`/api/v1/marketplace/installations/${state}/uninstall`, { headers: { origin: baseURL! } }), "uninstall");
    expect((await app.get("/api/v1/me", { headers: bearer })).status()).toBe(401);
    const refreshed = await app.post("/api/oauth/token", {
      form: { grant_type: "refresh_token", refresh_token: token.refresh_token },
      headers: { authorization: `Basic ${Buffer.from(`${published.clientId}:${published.clientSecret}`).toString("base64")}` },
    });
    expect(refreshed.status()).toBe(400);
    await expect.poll(() => received.map((r) => JSON.parse(r.body).type as string), { timeout: 20_000 }).toContain("integration.disconnected");
    await page.goto(`/marketplace/apps/${listing.slug}`);
    await expect(page.getByRole("button", { name: "Install" })).toBeEnabled();
  } finally {
    if (endpointId) await partner.delete(`/api/v1/webhooks/endpoints/${endpointId}`);
    await Promise.all([partner.dispose(), admin.dispose(), app.dispose(), ctx.close()]);
    receiver.close();
  }
});

test("Deny on the install's consent page installs nothing", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext();
  try {
    await signInOverHttp(ctx.request, "customer@portico.test");
    const page = await ctx.newPage();
    // A listing of the demo the customer has not installed; its redirect URI is on the partner's own host.
    const seen = await catchRedirects(page, /^https:\/\/[^/]+\.example\/oauth\/callback/);
    await page.goto("/marketplace/apps/harbor-fnol-intake");
    await page.getByRole("button", { name: "Install" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Install Harbor FNOL Intake" })).toBeVisible();
    await expect(page.getByLabel("Price")).toContainText("Free");
    const authorizeUrl = page.url();
    await page.getByRole("button", { name: "Deny" }).click();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0].searchParams.get("error")).toBe("access_denied");
    await page.waitForURL(/\.example\/oauth\/callback/);
    const installed = await ctx.request.get("/api/v1/integrations?limit=100");
    expect(installed.status()).toBe(200);
    const body = (await installed.json()) as { data: { listing: { slug: string } | null }[] };
    expect(body.data.filter((i) => i.listing?.slug === "harbor-fnol-intake")).toEqual([]);
    // The link is spent: opening it again says so.
    await page.goto(authorizeUrl.replace(baseURL!, ""));
    await expect(page.getByRole("heading", { name: "Cannot authorize this application" })).toBeVisible();
  } finally {
    await ctx.close();
  }
});

test("a plain member of the agency is told to ask an admin, and cannot start an install over the API either", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext();
  try {
    await signInOverHttp(ctx.request, "sam@sunrise.example");
    const page = await ctx.newPage();
    await page.goto("/marketplace/apps/harbor-fnol-intake");
    const install = page.getByRole("button", { name: "Install" });
    await expect(install).toBeDisabled();
    await expect(install).toHaveAccessibleDescription("Only your agency's owners and admins install apps: ask an admin.");
    const res = await ctx.request.post("/api/v1/marketplace/listings/harbor-fnol-intake/install", { data: {}, headers: { origin: baseURL! } });
    expect(res.status()).toBe(403);
  } finally {
    await ctx.close();
  }
});
