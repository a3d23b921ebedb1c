import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { contextFor } from "./support/pages";

// The integration pages. The demo partner (Acme) publishes an app with settings (a URL, an email,
// a secret API key, a number, a checkbox), mappable fields and a health-check URL on a receiver this
// spec runs; the demo customer (owner of Sunrise Agency) installs it through consent. Then, in the
// browser: the customer finds it under Installed apps, gets a setting refused by the browser and
// one by the API, each shown at its field, saves; maps a field and watches the preview follow the
// edits (a clash named at its row), saves; runs a health check. The app calls the API with its
// token, so the partner's install page has traffic, an error and the check to show. A member of
// the agency sees the page read-only (and the API refuses their change). Last, the owner uninstalls.
// The e2e server allows loopback URLs (WEBHOOK_ALLOW_PRIVATE_URLS=1, e2e/support/start-server.ts).

const CUSTOMER = "customer@portico.test";
const PARTNER = "partner@portico.test";
/** A member (role `member`) of Sunrise Agency in the demo data: reads integrations, changes nothing. */
const MEMBER = "sam@sunrise.example";
const REDIRECT = "http://localhost:9/cb";
const stamp = Date.now().toString(36);
const appName = `Lead Relay ${stamp}`;

type Integration = {
  id: string;
  status: string;
  config: Record<string, unknown>;
  secretFields: { name: string; set: boolean }[];
  canConfigure: boolean;
};

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function api(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, email: string) {
  // Same-origin, as the portal's own calls are: cookie-authenticated writes need it.
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(ctx, email);
  return ctx;
}

async function ctxPage(browser: Browser, user: typeof CUSTOMER | typeof PARTNER, path: string) {
  const ctx = await contextFor(browser, user);
  const page = await ctx.newPage();
  await page.goto(path);
  return { ctx, page };
}

async function seriousAxe(page: Page) {
  // Let enter animations (toasts) finish: axe reads colours mid-fade otherwise.
  await page.waitForTimeout(400);
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

// The app's health-check endpoint: answers 200 and records each signed check.
const checks: IncomingHttpHeaders[] = [];
const health = createServer((req, res) => {
  checks.push(req.headers);
  res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
});

let integrationId: string;
let authorizeUrl: string;
let applicationId: string;
let client: { clientId: string; clientSecret: string };
let leadExample: Record<string, unknown>;

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ playwright, baseURL }) => {
  await new Promise<void>((r) => health.listen(0, "127.0.0.1", r));
  const healthUrl = `http://127.0.0.1:${(health.address() as AddressInfo).port}/health`;
  const partner = await api(playwright, baseURL, PARTNER);
  const admin = await api(playwright, baseURL, "admin@portico.test");
  const host = `lead-relay-${stamp}.example.com`;
  const created = await ok<{ id: string }>(
    await partner.post("/api/v1/applications", {
      data: {
        name: appName,
        description: "Relays new leads from the platform to the agency's CRM within a minute, with the fields named the way the CRM expects them.",
        websiteUrl: `https://${host}`,
        privacyPolicyUrl: `https://${host}/privacy`,
        supportEmail: `support@${host}`,
        redirectUris: [REDIRECT],
        healthCheckUrl: healthUrl,
        requestedScopes: ["read:leads"],
        configSchema: {
          type: "object",
          properties: {
            endpointUrl: { type: "string", format: "uri", title: "CRM endpoint", description: "Where leads are sent." },
            contactEmail: { type: "string", format: "email", title: "Alert email" },
            apiKey: { type: "string", format: "password", title: "CRM API key" },
            batchSize: { type: "integer", minimum: 1, maximum: 500, title: "Batch size" },
            sendClosed: { type: "boolean", title: "Send closed leads" },
          },
          required: ["endpointUrl"],
          additionalProperties: false,
        },
        mappableFields: ["email", "full_name", "source"],
      },
    }),
    "create app",
  );
  applicationId = created.id;
  await ok(await partner.post(`/api/v1/applications/${created.id}/submit`, { data: {} }), "submit");
  await ok(await admin.post(`/api/v1/applications/${created.id}/review`, { data: {} }), "review");
  await ok(await admin.post(`/api/v1/applications/${created.id}/approve`, { data: {} }), "approve");
  client = await ok<{ clientId: string; clientSecret: string }>(await partner.post(`/api/v1/applications/${created.id}/publish`, { data: {} }), "publish");
  const listing = await ok<{ slug: string }>(
    await partner.post("/api/v1/marketplace/listings", {
      data: { applicationId: created.id, tagline: "Leads in your CRM within a minute", description: "Relays new leads to your CRM.", category: "crm-leads", tags: ["leads"], pricing: { model: "free" } },
    }),
    "listing",
  );
  const catalog = await ok<{ data: { name: string; examplePayload: Record<string, unknown> }[] }>(await partner.get("/api/v1/event-types"), "event types");
  leadExample = catalog.data.find((t) => t.name === "lead.created")!.examplePayload;
  await partner.dispose();
  await admin.dispose();

  // The customer installs it: the install starts over the API, and consent is given in the browser.
  const customer = await api(playwright, baseURL, CUSTOMER);
  const started = await ok<{ id: string; authorizeUrl: string }>(await customer.post(`/api/v1/marketplace/listings/${listing.slug}/install`, { data: {} }), "install");
  integrationId = started.id;
  authorizeUrl = started.authorizeUrl;
  await customer.dispose();
});

test.afterAll(async () => {
  health.closeAllConnections();
  await new Promise<void>((r) => health.close(() => r()));
});

test("the customer authorizes the app, finds it under Installed apps and opens its page", async ({ browser, playwright, baseURL }) => {
  // Pending until consent: listed, with the status that says so.
  const pending = await ctxPage(browser, CUSTOMER, "/installed");
  await expect(pending.page.getByTestId(`integration-row-${integrationId}`)).toContainText("pending");
  await pending.ctx.close();

  const ctx = await contextFor(browser, CUSTOMER);
  const page = await ctx.newPage();
  // The redirect to the app never leaves the browser: its code is what the app's server redeems.
  let code: string | null = null;
  await page.route("http://localhost:9/**", async (route) => {
    code = new URL(route.request().url()).searchParams.get("code");
    await route.fulfill({ status: 200, contentType: "text/plain", body: "callback received" });
  });
  const consent = new URL(authorizeUrl);
  await page.goto(`${consent.pathname}${consent.search}`);
  await page.getByRole("button", { name: "Authorize and install" }).click();
  await expect.poll(() => code).toBeTruthy();
  await page.waitForURL(/^http:\/\/localhost:9\/cb/);

  // The app's server acts for the agency: a call it may make, and one outside its scopes (an error on the install).
  const app = await playwright.request.newContext({ baseURL });
  const token = await ok<{ access_token: string }>(
    await app.post("/api/oauth/token", {
      form: { grant_type: "authorization_code", code: code!, redirect_uri: REDIRECT },
      headers: { authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}` },
    }),
    "token",
  );
  const bearer = { authorization: `Bearer ${token.access_token}` };
  for (let i = 0; i < 3; i++) await ok(await app.get("/api/v1/me", { headers: bearer }), "me as the app");
  expect((await app.get("/api/v1/keys", { headers: bearer })).status()).toBe(403);
  await app.dispose();

  await page.goto("/installed");
  await expect(page.getByRole("heading", { level: 1, name: "Installed apps" })).toBeVisible();
  const row = page.getByTestId(`integration-row-${integrationId}`);
  await expect(row).toContainText("Acme Insurtech");
  await expect(row).toContainText("active");
  // Filtering by status keeps it among the active ones and drops it from the failed ones.
  await page.getByLabel("Filter by status").selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByTestId(`integration-row-${integrationId}`)).toHaveCount(0);
  await page.getByLabel("Filter by status").selectOption("active");
  await row.getByRole("link", { name: appName }).click();
  await expect(page).toHaveURL(new RegExp(`/installed/${integrationId}$`));
  await expect(page.getByRole("heading", { level: 1, name: appName })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toHaveText(/Installed apps.*Integration/);
  await expect(page.getByTestId("health-status")).toContainText("active");
  await ctx.close();
});

test("settings: a browser-side and an API-side error each at its field, then a save with a write-only secret", async ({ browser, playwright, baseURL }) => {
  const ctx = await contextFor(browser, CUSTOMER);
  const page = await ctx.newPage();
  let patches = 0;
  page.on("request", (r) => r.method() === "PATCH" && r.url().endsWith(`/api/v1/integrations/${integrationId}`) && patches++);
  await page.goto(`/installed/${integrationId}`);
  const settings = page.getByRole("form", { name: "Settings" });
  const endpoint = settings.getByLabel("CRM endpoint (required)");
  const email = settings.getByLabel("Alert email");
  const batch = settings.getByLabel("Batch size");
  const apiKey = settings.getByLabel("CRM API key");
  await expect(settings.getByTestId("secret-state-apiKey")).toHaveText("Not set");
  await expect(apiKey).toHaveAttribute("type", "password");
  await expect(apiKey).toHaveAccessibleDescription(/Not set/);

  // The browser's own checks: a number that is not whole never reaches the API.
  await endpoint.fill("https://crm.example.com/leads");
  await batch.fill("2.5");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(batch).toHaveAttribute("aria-invalid", "true");
  await expect(batch).toHaveAccessibleDescription("Enter a whole number.");
  await expect(batch).toBeFocused();
  expect(patches).toBe(0);

  // The API's checks (formats): its 422 names config.endpointUrl and config.contactEmail, shown at those fields.
  await batch.fill("50");
  await endpoint.fill("not a url");
  await email.fill("nobody");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(endpoint).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(batch).not.toHaveAttribute("aria-invalid", "true");
  expect(patches).toBe(1);
  expect(await seriousAxe(page)).toEqual([]);

  await endpoint.fill("https://crm.example.com/leads");
  await email.fill("alerts@sunrise.example");
  await apiKey.fill("crm-secret-123");
  await settings.getByLabel("Send closed leads").check();
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await expect(settings.getByTestId("secret-state-apiKey")).toHaveText("Set");
  await expect(apiKey).toHaveValue("");
  await expect(apiKey).toHaveAccessibleDescription(/Set: leave blank to keep it/);

  // Stored as typed, the secret never sent back.
  const customer = await api(playwright, baseURL, CUSTOMER);
  const stored = await ok<Integration>(await customer.get(`/api/v1/integrations/${integrationId}`), "integration");
  expect(stored.config).toEqual({ endpointUrl: "https://crm.example.com/leads", contactEmail: "alerts@sunrise.example", batchSize: 50, sendClosed: true });
  expect(stored.secretFields).toEqual([{ name: "apiKey", set: true }]);
  expect(JSON.stringify(stored)).not.toContain("crm-secret-123");

  // A second save with the secret box left blank keeps the secret.
  await page.reload();
  await settings.getByLabel("Batch size").fill("75");
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await expect.poll(async () => (await ok<Integration>(await customer.get(`/api/v1/integrations/${integrationId}`), "integration")).config.batchSize).toBe(75);
  expect((await ok<Integration>(await customer.get(`/api/v1/integrations/${integrationId}`), "integration")).secretFields).toEqual([{ name: "apiKey", set: true }]);
  await customer.dispose();
  await ctx.close();
});

test("mappings: a field mapped with a transform, the preview following the edits, a clash named at its row, then saved", async ({ browser, playwright, baseURL }) => {
  const ctx = await contextFor(browser, CUSTOMER);
  const page = await ctx.newPage();
  await page.goto(`/installed/${integrationId}`);
  const editor = page.getByRole("form", { name: "Field mappings" });
  await expect(editor.getByText("No fields mapped")).toBeVisible();

  await editor.getByRole("button", { name: "Add mapping" }).click();
  const first = editor.getByRole("group", { name: "Mapping 1" });
  await first.getByLabel("Platform field").selectOption("lead.contact.email");
  // The app lists its fields: the target is a choice among them.
  await first.getByLabel("Field in the app").selectOption("email");
  await first.getByLabel("Transform").selectOption("uppercase");

  // The preview runs on the lead.created example, then on an edited sample, as the rows stand (unsaved).
  const preview = page.getByTestId("mapping-preview");
  await expect(preview.getByLabel("Sample event")).toHaveValue("lead.created");
  const sample = { ...leadExample, contact: { ...(leadExample.contact as Record<string, unknown>), email: "  Dana.Reyes@Example.com " } };
  await preview.getByLabel("Event data (JSON)").fill(JSON.stringify(sample, null, 2));
  await expect(preview.getByTestId("mapping-preview-mapped")).toContainText('"email": "  DANA.REYES@EXAMPLE.COM "');
  await first.getByLabel("Transform").selectOption("trim");
  await expect(preview.getByTestId("mapping-preview-mapped")).toContainText('"email": "Dana.Reyes@Example.com"');
  await expect(preview.getByRole("list", { name: "Each mapping" })).toContainText("lead.contact.email → email");

  // Two rows to one target: the API's 422 names mappings.1.targetField, shown on row 2.
  await editor.getByRole("button", { name: "Add mapping" }).click();
  const second = editor.getByRole("group", { name: "Mapping 2" });
  await second.getByLabel("Platform field").selectOption("lead.source");
  await second.getByLabel("Field in the app").selectOption("email");
  await editor.getByRole("button", { name: "Save mappings" }).click();
  await expect(second.getByLabel("Field in the app")).toHaveAttribute("aria-invalid", "true");
  await expect(first.getByLabel("Field in the app")).not.toHaveAttribute("aria-invalid", "true");
  await expect(preview).toContainText("Mapping 2");

  await second.getByLabel("Field in the app").selectOption("source");
  await expect(preview.getByTestId("mapping-preview-mapped")).toContainText('"source": "website"');
  await editor.getByRole("button", { name: "Save mappings" }).click();
  await expect(page.getByText("Mappings saved")).toBeVisible();

  const customer = await api(playwright, baseURL, CUSTOMER);
  const saved = await ok<{ data: { sourceField: string; targetField: string; transform: string }[] }>(await customer.get(`/api/v1/integrations/${integrationId}/mappings`), "mappings");
  expect(saved.data.map(({ sourceField, targetField, transform }) => ({ sourceField, targetField, transform }))).toEqual([
    { sourceField: "lead.contact.email", targetField: "email", transform: "trim" },
    { sourceField: "lead.source", targetField: "source", transform: "none" },
  ]);
  await customer.dispose();

  // After a reload the saved rows are there, and the preview runs on them.
  await page.reload();
  await expect(editor.getByTestId("mapping-row")).toHaveCount(2);
  await expect(preview.getByTestId("mapping-preview-mapped")).toContainText('"email": "dana@example.com"');
  await ctx.close();
});

test("Run check now calls the app's health endpoint, signed, and the history shows the check", async ({ browser }) => {
  const ctx = await contextFor(browser, CUSTOMER);
  const page = await ctx.newPage();
  await page.goto(`/installed/${integrationId}`);
  const before = checks.length;
  await page.getByRole("button", { name: "Run check now" }).click();
  await expect(page.getByTestId("health-check-result")).toContainText(/Healthy · HTTP 200 · \d+ ms/);
  // (The scheduler may have checked it meanwhile too.)
  expect(checks.length).toBeGreaterThan(before);
  // Signed like a webhook (Standard Webhooks headers).
  expect(checks.at(-1)).toMatchObject({ "webhook-id": expect.any(String), "webhook-signature": expect.stringMatching(/^v1,/) });
  const history = page.getByRole("table", { name: "Health check history" });
  await expect(history.getByRole("row").nth(1).getByRole("cell", { name: "healthy", exact: true })).toBeVisible();
  await expect(history.getByRole("row").nth(1).getByRole("cell", { name: "200", exact: true })).toBeVisible();
  await expect(page.getByTestId("health-last-check")).not.toHaveText("Never");
  await ctx.close();
});

test("the partner sees the install among its app's, with traffic, latency, the app's error and the check", async ({ browser }) => {
  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto("/installs");
  await expect(page.getByRole("heading", { level: 1, name: "Installs" })).toBeVisible();
  await page.getByLabel("Filter by app").selectOption({ label: appName });
  await expect(page).toHaveURL(new RegExp(`app=${applicationId}`));
  const row = page.getByTestId(`install-row-${integrationId}`);
  await expect(row).toContainText("Sunrise Agency");
  await expect(row).toContainText("active");
  // 4 calls made with the app's token, 1 refused: a 25% error rate (the meter flushes every second).
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("25.0%", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByLabel("Filter by status").selectOption("degraded");
  await expect(row).toHaveCount(0);
  await page.getByLabel("Filter by status").selectOption("");

  await row.getByRole("link", { name: "Sunrise Agency" }).click();
  await expect(page).toHaveURL(new RegExp(`/installs/${integrationId}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Sunrise Agency" })).toBeVisible();
  await expect(page.getByTestId("health-error-rate")).toHaveText("25.0%");
  await expect(page.getByTestId("traffic-chart")).toBeVisible();
  await expect(page.getByTestId("latency-chart")).toBeVisible();
  await expect(page.getByTestId("uptime-chart")).toBeVisible();
  await expect(page.getByRole("table", { name: "Health check history" }).getByRole("row").nth(1).getByRole("cell", { name: "healthy", exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Errors" })).toContainText("INSUFFICIENT_SCOPE");
  // Read-only for the partner: no settings, no mappings, no uninstall.
  await expect(page.getByRole("form", { name: "Settings" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Uninstall" })).toHaveCount(0);
  expect(await seriousAxe(page)).toEqual([]);
  await ctx.close();
});

test("a member of the agency reads the page and is sent to an admin for any change", async ({ browser, playwright, baseURL }) => {
  const ctx = await browser.newContext();
  // Fails here, by name, while the demo data has no such member.
  await signInOverHttp(ctx.request, MEMBER);
  const page = await ctx.newPage();
  await page.goto(`/installed/${integrationId}`);
  await expect(page.getByRole("heading", { level: 1, name: appName })).toBeVisible();
  const settings = page.getByRole("form", { name: "Settings" });
  await expect(settings.getByTestId("config-read-only")).toHaveText(/ask an admin/);
  await expect(settings.getByLabel("CRM endpoint (required)")).toBeDisabled();
  await expect(settings.getByLabel("CRM endpoint (required)")).toHaveValue("https://crm.example.com/leads");
  await expect(settings.getByRole("button", { name: "Save settings" })).toHaveCount(0);
  const mappings = page.getByRole("form", { name: "Field mappings" });
  await expect(mappings.getByTestId("mappings-read-only")).toHaveText(/ask an admin/);
  await expect(mappings.getByRole("button", { name: "Add mapping" })).toHaveCount(0);
  await expect(mappings.getByRole("group", { name: "Mapping 1" }).getByLabel("Platform field")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Run check now" })).toHaveCount(0);
  await expect(page.getByTestId("run-check-ask-admin")).toBeVisible();
  await expect(page.getByRole("button", { name: "Uninstall" })).toHaveCount(0);
  await expect(page.getByTestId("uninstall-disabled")).toHaveText(/ask an admin/);

  // The API holds the same line.
  const member = await api(playwright, baseURL, MEMBER);
  expect((await member.patch(`/api/v1/integrations/${integrationId}`, { data: { config: { endpointUrl: "https://evil.example.com" } } })).status()).toBe(403);
  await member.dispose();
  await ctx.close();
});

test("the owner uninstalls after a confirmation that says what happens; the history stays", async ({ browser, playwright, baseURL }) => {
  const ctx = await contextFor(browser, CUSTOMER);
  const page = await ctx.newPage();
  await page.goto(`/installed/${integrationId}`);
  await page.getByRole("button", { name: "Uninstall" }).click();
  const dialog = page.getByRole("alertdialog", { name: `Uninstall “${appName}”?` });
  await expect(dialog).toContainText("loses access to your agency at once");
  await expect(dialog).toContainText("Acme Insurtech, who makes the app, is told");
  await expect(dialog).toContainText("The history stays");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Uninstall" }).click();
  await expect(page.getByText(`${appName} uninstalled`)).toBeVisible();
  await expect(page.getByTestId("health-status")).toContainText("disconnected");
  await expect(page.getByRole("button", { name: "Uninstall" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Settings" }).getByLabel("CRM endpoint (required)")).toBeDisabled();
  await expect(page.getByRole("table", { name: "Health check history" }).getByRole("row").nth(1).getByRole("cell", { name: "healthy", exact: true })).toBeVisible();
  const customer = await api(playwright, baseURL, CUSTOMER);
  expect((await ok<Integration>(await customer.get(`/api/v1/integrations/${integrationId}`), "integration")).status).toBe("disconnected");
  await customer.dispose();
  await ctx.close();
});
