import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signInOverHttp } from "./support/auth";

// A partner registers an app; an agency member sees the consent page, denies, then authorizes;
// the app exchanges the code with PKCE; the member revokes it under Authorized apps.

const REDIRECT = "http://localhost:9/cb";

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** Navigations to the client's redirect URI never leave the browser: we record them instead. */
async function catchRedirects(page: Page) {
  const seen: URL[] = [];
  await page.route("http://localhost:9/**", async (route) => {
    seen.push(new URL(route.request().url()));
    await route.fulfill({ status: 200, contentType: "text/plain", body: "callback received" });
  });
  return seen;
}

test("an agency member denies, then authorizes an app, which exchanges the code; then revokes it", async ({ browser, playwright, baseURL }) => {
  const partner = await playwright.request.newContext({ baseURL });
  await signInOverHttp(partner, "partner@portico.test");
  const created = await partner.post("/api/v1/oauth-clients", {
    data: { name: `Lead Sync ${Date.now().toString(36)}`, type: "confidential", redirectUris: [REDIRECT], grantTypes: ["authorization_code", "refresh_token"], scopes: ["read:leads"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const client = (await created.json()) as { clientId: string; clientSecret: string; name: string };
  await partner.dispose();

  const ctx = await browser.newContext();
  await signInOverHttp(ctx.request, "customer@portico.test");
  const page = await ctx.newPage();
  const seen = await catchRedirects(page);
  const { verifier, challenge } = pkce();
  const authorizeUrl = (state: string) =>
    `/oauth/authorize?${new URLSearchParams({ response_type: "code", client_id: client.clientId, redirect_uri: REDIRECT, scope: "read:leads", state, code_challenge: challenge, code_challenge_method: "S256" })}`;

  // Signed out: off to sign in, coming back here afterwards.
  const anon = await browser.newContext();
  const anonPage = await anon.newPage();
  await anonPage.goto(authorizeUrl("anon"));
  await expect(anonPage).toHaveURL(/\/signin\?callbackUrl=%2Foauth%2Fauthorize%3F/);
  await anon.close();

  // Deny first: nothing is remembered.
  await page.goto(authorizeUrl("deny-1"));
  await expect(page.getByRole("heading", { level: 1, name: `Authorize ${client.name}` })).toBeVisible();
  await expect(page.getByText("Acme Insurtech", { exact: true })).toBeVisible();
  await expect(page.getByText("Sunrise Agency", { exact: true })).toBeVisible();
  await expect(page.getByText("Read your leads")).toBeVisible();
  await page.getByRole("button", { name: "Deny" }).click();
  await expect.poll(() => seen.length).toBe(1);
  // The redirect was caught as it started; let it land before navigating again (else the next goto is interrupted).
  await page.waitForURL(/^http:\/\/localhost:9\/cb/);
  expect(seen[0].searchParams.get("error")).toBe("access_denied");
  expect(seen[0].searchParams.get("state")).toBe("deny-1");

  await page.goto(authorizeUrl("ok-1"));
  await page.screenshot({ path: "test-results/screens/oauth-consent.png", fullPage: true });
  await page.getByRole("button", { name: "Authorize" }).click();
  await expect.poll(() => seen.length).toBe(2);
  // The redirect was caught as it started; let it land before navigating again (else the next goto is interrupted).
  await page.waitForURL(/^http:\/\/localhost:9\/cb/);
  const cb = seen[1];
  expect(cb.searchParams.get("state")).toBe("ok-1");
  const code = cb.searchParams.get("code");
  expect(code).toBeTruthy();

  const app = await playwright.request.newContext({ baseURL });
  const token = await app.post("/api/oauth/token", {
    form: { grant_type: "authorization_code", code: code!, redirect_uri: REDIRECT, code_verifier: verifier },
    headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}` },
  });
  expect(token.status(), await token.text()).toBe(200);
  const tokens = (await token.json()) as { access_token: string; refresh_token: string; scope: string };
  expect(tokens.access_token).toMatch(/^prto_/);
  expect(tokens.scope).toBe("read:leads");
  const me = await app.get("/api/v1/me", { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(await me.json()).toMatchObject({ type: "oauth", scopes: ["read:leads"] });

  // Authorized apps: revoke, and the token stops working.
  await page.goto("/authorized-apps");
  const row = page.locator("tr", { hasText: client.name });
  await expect(row).toContainText("Acme Insurtech");
  await row.getByRole("button", { name: `Actions for ${client.name}` }).click();
  await page.getByRole("menuitem", { name: "Revoke access…" }).click();
  await page.getByRole("alertdialog", { name: `Revoke access for “${client.name}”?` }).getByRole("button", { name: "Revoke access" }).click();
  await expect(page.locator("tr", { hasText: client.name })).toHaveCount(0);
  const after = await app.get("/api/v1/me", { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(after.status()).toBe(401);
  await app.dispose();
  await ctx.close();
});
