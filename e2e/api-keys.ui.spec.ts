import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";

// A partner creates an API key in the portal, uses it from "their server", sees the usage, and revokes it.

/** A link of the side navigation (the dashboard links to some of the same pages). */
const navLink = (page: Page, name: string) => page.getByTestId("sidebar").getByRole("link", { name, exact: true });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a partner creates a key, calls the API with it, sees the usage and revokes it", async ({ browser, playwright, baseURL }) => {
  // Unique per attempt: a retry runs against the same database as the attempt before it.
  const keyName = `CI key ${Date.now().toString(36)}`;
  const ctx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();
  // A server somewhere else: no portal cookies, only the key.
  const server = await playwright.request.newContext({ baseURL });
  const callMe = (key: string) => server.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });

  await signIn(page, "partner@portico.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await navLink(page, "Usage").click();
  await expect(page.getByRole("heading", { name: "Usage", exact: true })).toBeVisible();
  await expect(page.getByText("Loading usage…")).toBeHidden();
  await page.screenshot({ path: "test-results/screens/usage-00-before.png", fullPage: true });
  await navLink(page, "API keys").click();
  await expect(page).toHaveURL(/\/keys$/);
  await expect(page.getByRole("heading", { name: "API keys", exact: true })).toBeVisible();
  await expect(page.getByText("Loading…")).toBeHidden();
  await page.screenshot({ path: "test-results/screens/keys-01-list-before.png", fullPage: true });

  // Create: name, the "Full access" preset, never expires.
  await page.getByRole("button", { name: "Create API key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  // Sent empty: each problem shows under its field, described to screen readers, and the first field gets focus.
  await create.getByRole("button", { name: "Create key" }).click();
  await expect(create.getByLabel("Name")).toBeFocused();
  await expect(create.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(create.getByLabel("Name")).toHaveAccessibleDescription("Required.");
  await expect(create.getByRole("group", { name: "Scopes" })).toHaveAccessibleDescription("Choose at least one scope.");
  await create.getByLabel("Name").fill(keyName);
  await expect(create.getByLabel("Name")).not.toHaveAttribute("aria-invalid", "true");
  await create.getByRole("button", { name: "Full access" }).click();
  await expect(create.getByRole("button", { name: "Full access" })).toHaveAttribute("aria-pressed", "true");
  await expect(create.getByLabel("keys: manage")).toBeChecked();
  await page.screenshot({ path: "test-results/screens/keys-02-create-dialog.png", fullPage: true });
  await create.getByRole("button", { name: "Create key" }).click();

  // The reveal panel: the only time the secret is on screen.
  const reveal = page.getByRole("dialog", { name: "API key created" });
  await expect(reveal.getByText("You won't see this key again")).toBeVisible();
  // Escape before the key was copied asks first: the reveal is the only one.
  await page.keyboard.press("Escape");
  const guard = page.getByRole("alertdialog", { name: "You won't see this secret again — close anyway?" });
  await expect(guard).toBeVisible();
  await page.screenshot({ path: "test-results/screens/keys-03a-close-guard.png", fullPage: true });
  await guard.getByRole("button", { name: "Keep it open" }).click();
  await expect(guard).toBeHidden();
  await expect(reveal).toBeVisible();
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
  const row = page.locator("tr", { hasText: keyName });
  await expect(row).toContainText("active");
  // Listed by prefix and last four characters only.
  await expect(row.locator("code").first()).toHaveText(new RegExp(`^prt_live_\\w+…${key.slice(-4)}$`));
  expect(key.startsWith((await row.locator("code").first().textContent())!.split("…")[0])).toBe(true);
  await expect(row).toContainText("manage:*");
  await page.screenshot({ path: "test-results/screens/keys-04-list.png", fullPage: true });

  // Rotation is offered with a 24-hour grace period by default (looked at, not done).
  await row.getByRole("button", { name: `Actions for ${keyName}` }).click();
  await expect(page.getByRole("menuitem", { name: "Revoke…" })).toBeInViewport();
  await page.screenshot({ path: "test-results/screens/keys-04b-row-menu.png", fullPage: true });
  await page.getByRole("menuitem", { name: "Rotate…" }).click();
  const rotate = page.getByRole("alertdialog", { name: `Rotate “${keyName}”?` });
  await expect(rotate.getByLabel("After 24 hours")).toBeChecked();
  await page.screenshot({ path: "test-results/screens/keys-05-rotate-dialog.png", fullPage: true });
  await rotate.getByRole("button", { name: "Cancel" }).click();
  await expect(rotate).toBeHidden();

  // Usage: the call above shows up within seconds.
  await navLink(page, "Usage").click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("usage-calls")).toBeVisible({ timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId("usage-chart")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/usage-01-all-keys.png", fullPage: true });
  const keyFilter = page.getByLabel("Key", { exact: true });
  const ciKeyId = await keyFilter.locator("option", { hasText: keyName }).getAttribute("value");
  await keyFilter.selectOption(ciKeyId!);
  await expect(page.getByText(`Calls per day · ${keyName}`)).toBeVisible();
  await expect(page.getByTestId("usage-chart")).toBeVisible();
  await page.getByRole("button", { name: "7 days" }).click();
  await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
  await page.screenshot({ path: "test-results/screens/usage-02-one-key.png", fullPage: true });

  // Revoke, confirmed in a dialog; the key stops working within seconds.
  await navLink(page, "API keys").click();
  await page.getByRole("button", { name: `Actions for ${keyName}` }).click();
  await page.getByRole("menuitem", { name: "Revoke…" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Revoke “${keyName}”?` });
  await expect(confirm).toContainText(keyName);
  await expect(confirm).toContainText("stops working within seconds");
  await page.screenshot({ path: "test-results/screens/keys-06-revoke-confirm.png", fullPage: true });
  await confirm.getByRole("button", { name: "Revoke key" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.locator("tr", { hasText: keyName })).toContainText("revoked");
  await expect.poll(async () => (await callMe(key)).status(), { timeout: 6000, intervals: [250, 500, 1000] }).toBe(401);
  await page.screenshot({ path: "test-results/screens/keys-07-revoked.png", fullPage: true });

  await server.dispose();
  await ctx.close();
});

test("rotating a key keeps the old one working through the grace period", async ({ browser, playwright, baseURL }) => {
  const keyName = `Nightly sync ${Date.now().toString(36)}`;
  const ctx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();
  const server = await playwright.request.newContext({ baseURL });
  const callMe = (key: string) => server.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });

  await signIn(page, "partner@portico.test", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await navLink(page, "API keys").click();
  await page.getByRole("button", { name: "Create API key" }).first().click();
  const create = page.getByRole("dialog", { name: "Create API key" });
  await create.getByLabel("Name").fill(keyName);
  await create.getByRole("button", { name: "Read only" }).click();
  await create.getByLabel("support: write").check();
  await create.getByLabel("Expires").selectOption({ label: "In 90 days" });
  await create.getByLabel("Rate limit per minute").fill("120");
  await create.getByRole("button", { name: "Create key" }).click();
  const created = page.getByRole("dialog", { name: "API key created" });
  const oldKey = (await created.getByTestId("revealed-key").textContent())!.trim();
  await created.getByRole("button", { name: "Done" }).click();

  const row = page.locator("tr", { hasText: keyName });
  await expect(row).toContainText("120 req/min · own limit");
  await expect(row).toContainText("+11 more");
  await row.getByRole("button", { name: `Actions for ${keyName}` }).click();
  await page.getByRole("menuitem", { name: "Rotate…" }).click();
  const rotate = page.getByRole("alertdialog", { name: `Rotate “${keyName}”?` });
  await rotate.getByLabel("After 1 hour").check();
  await rotate.getByRole("button", { name: "Rotate key" }).click();
  const rotated = page.getByRole("dialog", { name: "Key rotated" });
  await expect(rotated.getByText("You won't see this key again")).toBeVisible();
  const newKey = (await rotated.getByTestId("revealed-key").textContent())!.trim();
  expect(newKey).not.toBe(oldKey);
  await page.screenshot({ path: "test-results/screens/keys-08-rotated-reveal.png", fullPage: true });
  // Closing with the X before copying asks; "Close anyway" closes.
  await rotated.getByRole("button", { name: "Close", exact: true }).click();
  await page.getByRole("alertdialog", { name: "You won't see this secret again — close anyway?" }).getByRole("button", { name: "Close anyway" }).click();
  await expect(rotated).toBeHidden();

  // Both keys work during the grace period; the old one says when it stops.
  expect((await callMe(oldKey)).status()).toBe(200);
  expect((await callMe(newKey)).status()).toBe(200);
  const rows = page.locator("tr", { hasText: keyName });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "expiring" })).toContainText(/expires in (59 minutes|1 hour)/);
  await expect(rows.filter({ hasText: "active" })).toHaveCount(1);
  await page.screenshot({ path: "test-results/screens/keys-09-expiring.png", fullPage: true });

  await page.getByLabel("Filter by status").selectOption("expiring");
  await expect(page.locator("tbody tr", { hasText: keyName })).toHaveCount(1);
  for (const status of await page.locator("tbody tr").allTextContents()) expect(status).toContain("expiring");

  // Some traffic on both keys, a few of it failing, for the usage chart.
  for (let i = 0; i < 6; i++) await callMe(newKey);
  for (let i = 0; i < 2; i++) await callMe(oldKey);
  for (let i = 0; i < 2; i++) await server.get("/api/v1/keys/not-a-key-id", { headers: { Authorization: `Bearer ${newKey}` } });
  await navLink(page, "Usage").click();
  await expect(page).toHaveURL(/\/usage$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("usage-chart")).toContainText(`${keyName} …${newKey.slice(-4)}`, { timeout: 3000 });
    await expect(page.getByTestId("usage-errors")).not.toHaveText("0", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await page.screenshot({ path: "test-results/screens/usage-03-rotated-keys.png", fullPage: true });

  await server.dispose();
  await ctx.close();
});

test("a partner awaiting approval is told API keys open once approved", async ({ page }) => {
  const stamp = Date.now().toString(36);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Kim Keyless");
  await page.getByLabel("Work email").fill(`kim-${stamp}@example.test`);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByLabel("Company name").fill(`Keyless Cover ${stamp}`);
  await page.getByRole("button", { name: "Create partner account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await navLink(page, "API keys").click();
  await expect(page.getByText("API keys open once you're approved")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screens/keys-10-pending-partner.png", fullPage: true });
});
