import { mkdirSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { contextFor } from "./support/pages";

// The partner's Apps portal: the list, the create wizard, the app page (submit with the failed
// checks inline, fix, submit, publish with the client secret shown once, credentials), and the
// app's OAuth client marked on the OAuth clients page. The admin's review runs over the API here:
// the review UI has its own spec.

const stamp = Date.now().toString(36);
const SHOTS = "/tmp/app-shots";

type AppBody = { id: string; slug: string; name: string; status: string; clientId: string | null; oauthClientId: string | null };

async function api(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, email: string): Promise<APIRequestContext> {
  // Same-origin, as the portal's own calls are: cookie-authenticated writes need it.
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(ctx, email);
  return ctx;
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function seededApp(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, slug: string): Promise<AppBody> {
  const partner = await api(playwright, baseURL, "partner@portico.test");
  const list = await ok<{ data: AppBody[] }>(await partner.get("/api/v1/applications?limit=100"), "list apps");
  await partner.dispose();
  const app = list.data.find((a) => a.slug === slug);
  expect(app, `the demo seed has ${slug}`).toBeTruthy();
  return app!;
}

const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });

test("the seeded published app shows its Client ID, and its OAuth client is marked with the app", async ({ browser, playwright, baseURL }) => {
  const seeded = await seededApp(playwright, baseURL, "acme-claims-sync");
  const ctx = await contextFor(browser, "partner@portico.test");
  const page = await ctx.newPage();

  await page.goto("/apps");
  await expect(page.getByRole("heading", { name: "Apps", exact: true })).toBeVisible();
  const row = page.getByTestId(`app-row-${seeded.id}`);
  await expect(row.getByText("Published")).toBeVisible();
  await expect(row.getByText("1.0.0", { exact: true })).toBeVisible();
  // The status filter lives in the URL.
  await page.getByLabel("Filter by status").selectOption("draft");
  await expect(page).toHaveURL(/[?&]status=draft/);
  await expect(page.getByRole("link", { name: "Acme Quote Widget" })).toBeVisible();
  await expect(row).toBeHidden();
  await page.getByLabel("Filter by status").selectOption("");
  await row.getByRole("link", { name: "Acme Claims Sync" }).click();

  await expect(page).toHaveURL(new RegExp(`/apps/${seeded.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: /Acme Claims Sync/ })).toBeVisible();
  await expect(page.getByTestId("next-step")).toHaveText(/Published — version 1\.0\.0 is live/);
  await tab(page, "Credentials").click();
  await expect(page).toHaveURL(/[?&]tab=credentials/);
  await expect(page.getByText("Client ID", { exact: true })).toBeVisible();
  await expect(page.getByTestId("app-client-id")).toHaveText(seeded.clientId!);
  await expect(page.getByText(/^••••••••.{4}$/)).toBeVisible();
  // Back returns to the previous tab.
  await page.goBack();
  await expect(tab(page, "Overview")).toHaveAttribute("aria-selected", "true");

  await page.goto("/oauth-clients");
  const clientRow = page.getByTestId(`oauth-client-row-${seeded.oauthClientId}`);
  const badge = clientRow.getByRole("link", { name: "App: Acme Claims Sync" });
  await expect(badge).toHaveAttribute("href", `/apps/${seeded.id}`);
  // The API refuses edits and deletes of an app's client: the menu offers only what works.
  await clientRow.getByRole("button", { name: "Actions for Acme Claims Sync" }).click();
  const menu = page.getByRole("menu");
  await expect(menu.getByRole("menuitem", { name: "Rotate secret…" })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Edit redirect URIs…" })).toHaveCount(0);
  await expect(menu.getByRole("menuitem", { name: "Delete…" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await badge.click();
  await expect(page).toHaveURL(new RegExp(`/apps/${seeded.id}$`));
  await ctx.close();
});

test("a partner creates an app, fixes its failed checks, submits it, and publishes it once approved", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const name = `Wizard App ${stamp}`;
  const ctx = await contextFor(browser, "partner@portico.test", { permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();

  await page.goto("/apps");
  await page.getByRole("link", { name: "Create app" }).first().click();
  await expect(page).toHaveURL(/\/apps\/new$/);
  const steps = page.getByRole("navigation", { name: "Steps" });
  await expect(steps.locator('[aria-current="step"]')).toContainText("Basics");

  // Step 1: a name is required before Next.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("textbox", { name: "Name", exact: true })).toBeFocused();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("Description").fill("Syncs claims between the agency and the carrier.");
  await page.getByLabel("Support email").fill("support@wizard.example.com");
  // No privacy policy URL: the checks will say so at submit.
  await page.getByRole("button", { name: "Next" }).click();

  // Step 2: a scope, a justification for the write scope, and an http (non-loopback) redirect URI.
  await expect(steps.locator('[aria-current="step"]')).toContainText("Access");
  await page.getByLabel("claims: write").check();
  await page.getByLabel("write:claims").fill("Updates the status of claims in the agency's claims system.");
  await page.getByRole("textbox", { name: "Redirect URI 1" }).fill("http://wizard.example.com/oauth/callback");
  await page.getByRole("button", { name: "Next" }).click();

  // Step 3: no endpoints. Step 4: the listing placeholder.
  await expect(steps.locator('[aria-current="step"]')).toContainText("Endpoints");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Marketplace listing details come with the marketplace")).toBeVisible();
  await page.getByRole("button", { name: "Create app" }).click();

  await expect(page).toHaveURL(/\/apps\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop()!;
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(name) })).toBeVisible();
  await expect(page.getByTestId("next-step")).toHaveText(/^Draft/);

  // Submit: the failed checks show inline, each with its id, field and message.
  await page.getByRole("button", { name: "Submit for review" }).click();
  const failed = page.getByTestId("failed-checks");
  await expect(failed).toBeVisible();
  await expect(failed.locator('[data-check="redirect_uris_secure"]')).toContainText("redirectUris");
  await expect(failed.locator('[data-check="redirect_uris_secure"]')).toContainText("Use https");
  await expect(failed.locator('[data-check="privacy_policy_url"]')).toContainText("privacyPolicyUrl");
  await expect(page.getByTestId("next-step")).toHaveText("Draft — fix failed checks and submit");
  // …and on the fields of the Overview form they are about.
  await expect(page.getByLabel("Privacy policy URL")).toHaveAttribute("aria-invalid", "true");
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/submit-failed-light-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SHOTS}/submit-failed-dark-390.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 860 });

  // Fix both on the Overview form and save.
  await page.getByLabel("Privacy policy URL").fill("https://wizard.example.com/privacy");
  await page.getByRole("textbox", { name: "Redirect URI 1" }).fill("https://wizard.example.com/oauth/callback");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText(`“${name}” saved`)).toBeVisible();

  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByRole("heading", { level: 1 }).getByText("Submitted", { exact: true })).toBeVisible();
  await expect(failed).toBeHidden();
  await expect(page.getByRole("button", { name: "Submit for review" })).toBeHidden();

  // The admin reviews and approves it (over the API: the review UI has its own spec).
  const admin = await api(playwright, baseURL, "admin@portico.test");
  // The wizard made exactly one app (its last Next must not also submit the form).
  const same = await ok<{ data: AppBody[] }>(await admin.get(`/api/v1/applications?q=${encodeURIComponent(name)}`), "find");
  expect(same.data.map((a) => a.id)).toEqual([id]);
  await ok(await admin.post(`/api/v1/applications/${id}/review`), "review");
  await ok(await admin.post(`/api/v1/applications/${id}/approve`, { data: { notes: "Looks good." } }), "approve");
  await admin.dispose();

  // Publish: the client secret, once.
  await page.reload();
  await expect(page.getByTestId("next-step")).toHaveText(/^Approved/);
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const reveal = page.getByRole("dialog", { name: `${name} is published` });
  await expect(reveal.getByText("You won't see the client secret again.")).toBeVisible();
  const secret = (await reveal.getByTestId("revealed-client-secret").textContent())?.trim() ?? "";
  const clientId = (await reveal.getByTestId("revealed-client-id").textContent())?.trim() ?? "";
  expect(secret.length).toBeGreaterThan(20);
  await page.screenshot({ path: `${SHOTS}/publish-reveal-light-1280.png`, fullPage: true });
  await reveal.getByRole("button", { name: "Copy secret" }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await expect(page.getByRole("heading", { level: 1 }).getByText("Published", { exact: true })).toBeVisible();

  await tab(page, "Credentials").click();
  await expect(page.getByText("Client ID", { exact: true })).toBeVisible();
  await expect(page.getByTestId("app-client-id")).toHaveText(clientId);
  // The secret is not shown again: only its last four characters.
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(page.getByText(`••••••••${secret.slice(-4)}`)).toBeVisible();

  // The timeline tells the story.
  await tab(page, "Timeline").click();
  await expect(page.getByText("Published", { exact: true }).last()).toBeVisible();
  await expect(page.getByText("Approved", { exact: true })).toBeVisible();
  await expect(page.getByText("Notes: Looks good.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/timeline-light-1280.png`, fullPage: true });
  await ctx.close();
});

test("screenshots of the apps list, the wizard and an app page, light and dark, wide and narrow", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  mkdirSync(SHOTS, { recursive: true });
  const seeded = await seededApp(playwright, baseURL, "acme-claims-sync");
  const draft = await seededApp(playwright, baseURL, "acme-quote-widget");
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const ctx = await contextFor(browser, "partner@portico.test", { colorScheme: scheme, viewport: { width, height: 860 } });
      const page = await ctx.newPage();
      const shot = (what: string) => page.screenshot({ path: `${SHOTS}/${what}-${scheme}-${width}.png`, fullPage: true });
      await page.goto("/apps");
      await expect(page.getByTestId(`app-row-${seeded.id}`)).toBeVisible();
      await shot("list");
      await page.goto("/apps/new");
      await page.getByRole("textbox", { name: "Name", exact: true }).fill("Screenshot app");
      await page.getByRole("button", { name: "Next" }).click();
      await page.getByLabel("claims: write").check();
      await shot("wizard-access");
      await page.goto(`/apps/${seeded.id}`);
      await expect(page.getByRole("heading", { name: "Details" })).toBeVisible();
      await shot("app-overview");
      await page.goto(`/apps/${seeded.id}?tab=checks`);
      await expect(page.getByRole("heading", { name: /Passed/ })).toBeVisible();
      await shot("app-checks");
      await page.goto(`/apps/${seeded.id}?tab=credentials`);
      await expect(page.getByTestId("app-client-id")).toBeVisible();
      await page.getByRole("button", { name: "Reveal" }).click();
      await expect(page.getByTestId("app-signing-secret")).toBeVisible();
      await shot("app-credentials");
      await page.goto(`/apps/${seeded.id}?tab=versions`);
      await expect(page.getByText("Live", { exact: true })).toBeVisible();
      await shot("app-versions");
      await page.goto(`/apps/${draft.id}?tab=credentials`);
      await expect(page.getByText("No credentials yet")).toBeVisible();
      await shot("draft-credentials");
      await ctx.close();
    }
  }
});
