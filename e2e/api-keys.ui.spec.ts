import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";

// A partner creates an API key in the portal, uses it from "their server", sees the usage, and revokes it.

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a partner creates a key, calls the API with it, sees the usage and revokes it", async ({ browser, playwright, baseURL }) => {
  const ctx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();
  // A server somewhere else: no portal cookies, only the key.
  const server = await playwright.request.newContext({ baseURL });
  const callMe = (key: string) => server.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });

  await signIn(page, "partner@portico.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByRole("heading", { name: "API keys" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/keys-01-list-before.png", fullPage: true });

  // Create: name, the "Full access" preset, never expires.
  await page.getByRole("button", { name: "Create API key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill("CI key");
  await create.getByRole("button", { name: "Full access" }).click();
  await expect(create.getByRole("button", { name: "Full access" })).toHaveAttribute("aria-pressed", "true");
  await expect(create.getByLabel("keys: manage")).toBeChecked();
  await page.screenshot({ path: "test-results/screens/keys-02-create-dialog.png", fullPage: true });
  await create.getByRole("button", { name: "Create key" }).click();

  // The reveal panel: the only time the secret is on screen.
  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal.getByText("You won't see this key again")).toBeVisible();
  const key = (await reveal.getByTestId("revealed-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^prt_live_[0-9A-Za-z_]+$/);
  await expect(reveal.getByText(`curl -H "Authorization: Bearer ${key}" ${baseURL}/api/v1/me`)).toBeVisible();
  await reveal.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(reveal.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await page.screenshot({ path: "test-results/screens/keys-03-reveal.png", fullPage: true });

  // The key works from anywhere, as an API key.
  const me = await callMe(key);
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ type: "api_key" });

  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  const row = page.locator("tr", { hasText: "CI key" });
  await expect(row).toContainText("active");
  await expect(row).toContainText(`${key.slice(0, 13)}…${key.slice(-4)}`);
  await expect(row).toContainText("manage:*");
  await page.screenshot({ path: "test-results/screens/keys-04-list.png", fullPage: true });

  // Rotation is offered with a 24-hour grace period by default (looked at, not done).
  await row.getByRole("button", { name: "Rotate" }).click();
  const rotate = page.getByRole("dialog", { name: "Rotate API key" });
  await expect(rotate.getByLabel("After 24 hours")).toBeChecked();
  await page.screenshot({ path: "test-results/screens/keys-05-rotate-dialog.png", fullPage: true });
  await rotate.getByRole("button", { name: "Cancel" }).click();
  await expect(rotate).toBeHidden();

  // Usage: the call above shows up within seconds.
  await page.getByRole("link", { name: "Usage" }).click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("usage-calls")).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("usage-chart")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/usage-01-all-keys.png", fullPage: true });
  await page.getByLabel("Key").selectOption({ label: `CI key (${key.slice(0, 13)}…${key.slice(-4)})` });
  await expect(page.getByText("Calls per day · CI key")).toBeVisible();
  await expect(page.getByTestId("usage-chart")).toBeVisible();
  await page.getByRole("button", { name: "7 days" }).click();
  await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: "test-results/screens/usage-02-one-key.png", fullPage: true });

  // Revoke, confirmed in a dialog; the key stops working within seconds.
  await page.getByRole("link", { name: "API keys" }).click();
  await page.locator("tr", { hasText: "CI key" }).getByRole("button", { name: "Revoke" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke API key?" });
  await expect(confirm).toContainText("CI key");
  await expect(confirm).toContainText("stops working within seconds");
  await page.screenshot({ path: "test-results/screens/keys-06-revoke-confirm.png", fullPage: true });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.locator("tr", { hasText: "CI key" })).toContainText("revoked");
  await expect.poll(async () => (await callMe(key)).status(), { timeout: 6000, intervals: [250, 500, 1000] }).toBe(401);
  await page.screenshot({ path: "test-results/screens/keys-07-revoked.png", fullPage: true });

  await server.dispose();
  await ctx.close();
});
