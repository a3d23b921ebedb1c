import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { contextFor } from "./support/pages";

// The partner portal's Listings: the overview of the partner's apps and their listings, the
// listing form with its live preview (client-side and server-side field errors on their fields,
// save with a toast), the performance panel, a new listing for the demo's draft app (allowed:
// it waits for the app to be published, and is not public, so the marketplace specs never see
// it), another partner's listing as a 404, and axe over the pages in light and dark mode.
// The demo listing's text is put back after the edits: the marketplace specs read it.

const PARTNER = "partner@portico.test";
const stamp = Date.now().toString(36);

type Listing = {
  slug: string;
  name: string;
  tagline: string;
  description: string;
  logoUrl: string | null;
  tags: string[];
  category: string | null;
  visibility: string;
  partner: { slug: string };
  pricing: { model: string; monthlyPriceCents?: number };
};
type App = { id: string; slug: string; name: string; status: string };

async function api(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, email = PARTNER): Promise<APIRequestContext> {
  // Same-origin, as the portal's own calls are: cookie-authenticated writes need it.
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(ctx, email);
  return ctx;
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function axe(page: Page): Promise<string[]> {
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

async function axeLightAndDark(page: Page, what: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
    expect(await axe(page), `${what} (${scheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

let demo: Listing;
let apps: App[];

test.beforeAll(async ({ playwright, baseURL }) => {
  const partner = await api(playwright, baseURL);
  apps = (await ok<{ data: App[] }>(await partner.get("/api/v1/applications?limit=100"), "list apps")).data;
  expect(apps.find((a) => a.slug === "acme-claims-sync"), "the demo seed has Acme Claims Sync").toBeTruthy();
  demo = await ok<Listing>(await partner.get("/api/v1/marketplace/listings/acme-claims-sync"), "the demo listing of Acme Claims Sync");
  await partner.dispose();
});

test.afterAll(async ({ playwright, baseURL }) => {
  // Put the demo listing back as the seed wrote it.
  const partner = await api(playwright, baseURL);
  await ok(
    await partner.patch("/api/v1/marketplace/listings/acme-claims-sync", {
      data: { tagline: demo.tagline, description: demo.description, category: demo.category ?? undefined },
    }),
    "restore the demo listing",
  );
  await partner.dispose();
});

test("the Listings page shows each app with its listing's state, its last 30 days and what to do next", async ({ browser }) => {
  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto("/listings");
  await expect(page.getByRole("heading", { level: 1, name: "Listings" })).toBeVisible();

  const claims = apps.find((a) => a.slug === "acme-claims-sync")!;
  const row = page.getByTestId(`listing-row-${claims.id}`);
  await expect(row.getByRole("link", { name: "Acme Claims Sync", exact: true })).toHaveAttribute("href", "/listings/acme-claims-sync");
  await expect(row.locator("[data-visibility=public]")).toHaveText("Public");
  await expect(row.getByRole("link", { name: "Public page of Acme Claims Sync" })).toHaveAttribute("href", "/marketplace/apps/acme-claims-sync");
  await expect(page.getByText("Views, impressions and click-through: last 30 days")).toBeVisible();
  await expect(row.getByRole("term").filter({ hasText: "Click-through" })).toBeVisible();

  // The draft app has no listing until the last test here writes one.
  const widget = apps.find((a) => a.slug === "acme-quote-widget")!;
  const widgetRow = page.getByTestId(`listing-row-${widget.id}`);
  await expect(widgetRow).toContainText("No listing yet");
  await expect(widgetRow.getByRole("link", { name: "Create listing for Acme Quote Widget" })).toHaveAttribute("href", `/listings/new?app=${widget.id}`);
  await axeLightAndDark(page, "/listings");
  await ctx.close();
});

test("editing the demo listing: the preview follows the typing, errors land on their fields, save toasts", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(90_000);
  // A search that finds the listing counts an impression (written within a second): the panel has something to draw.
  const anon = await playwright.request.newContext({ baseURL });
  await ok(await anon.get("/api/v1/marketplace/listings?q=Acme%20Claims%20Sync"), "search");
  await anon.dispose();
  const partner = await api(playwright, baseURL);
  await expect
    .poll(async () => (await ok<{ totals: { impressions: number } }>(await partner.get("/api/v1/marketplace/listings/acme-claims-sync/stats?days=7"), "stats")).totals.impressions, {
      timeout: 10_000,
    })
    .toBeGreaterThan(0);

  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto("/listings");
  await page.getByRole("link", { name: "Edit listing of Acme Claims Sync" }).click();
  await expect(page).toHaveURL(/\/listings\/acme-claims-sync$/);
  await expect(page.getByRole("heading", { level: 1, name: /Acme Claims Sync/ })).toBeVisible();

  // Performance: the impression above, in the tiles and the chart; the range lives in the URL.
  const performance = page.locator("section", { has: page.getByRole("heading", { name: "Performance" }) });
  await expect(performance.getByTestId("stats-impressions")).not.toHaveText("0");
  await expect(performance.getByTestId("listing-stats-chart")).toBeVisible();
  await performance.getByRole("button", { name: "7 days" }).click();
  await expect(page).toHaveURL(/[?&]days=7/);
  await expect(performance.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");

  // The form starts from the listing; the preview shows it.
  const form = page.getByRole("form", { name: "Listing details" });
  const tagline = form.getByRole("textbox", { name: "Tagline" });
  await expect(tagline).toHaveValue(demo.tagline);
  const card = page.getByTestId("preview-card");
  await expect(card).toContainText(demo.tagline);

  // Live: the preview follows the typing before anything is saved, the counter counts.
  const newTagline = `Two-way claims sync, tested ${stamp}`;
  await tagline.fill(newTagline);
  await expect(card).toContainText(newTagline);
  await expect(page.getByTestId("preview-page-tagline")).toHaveText(newTagline);
  await expect(page.getByTestId("tagline-count")).toContainText(`${newTagline.length}/80`);
  const description = form.getByRole("textbox", { name: "Description" });
  await description.fill(`${demo.description}\n\n## Changelog ${stamp}\n\n**Bold ${stamp}** and a [link](https://example.com/docs).`);
  const rendered = page.getByTestId("preview-description");
  await expect(rendered.locator("strong", { hasText: `Bold ${stamp}` })).toBeVisible();
  await expect(rendered.getByRole("link", { name: "link" })).toHaveAttribute("rel", /nofollow/);

  // Over 80 characters: the counter turns, the schema refuses.
  await tagline.fill("x".repeat(81));
  await expect(page.getByTestId("tagline-count")).toContainText("81/80");

  // Client side, the API's own schema: an http logo is refused on its field, and nothing is sent.
  let patches = 0;
  let lastPatch: Record<string, unknown> = {};
  page.on("request", (r) => {
    if (r.method() === "PATCH" && r.url().includes("/api/v1/marketplace/listings/")) {
      patches++;
      lastPatch = r.postDataJSON();
    }
  });
  const logo = form.getByRole("textbox", { name: "Logo URL" });
  await logo.fill("http://example.com/logo.png");
  await form.getByRole("button", { name: "Save listing" }).click();
  await expect(tagline).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Use at most 80 characters.")).toBeVisible();
  await expect(logo).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Must be an absolute https URL.")).toBeVisible();
  await expect(tagline).toBeFocused();
  expect(patches).toBe(0);

  // Server side: a category that no longer exists (as if removed since the page loaded) is the API's 422, shown on Category.
  await tagline.fill(newTagline);
  await logo.fill(demo.logoUrl ?? "");
  const category = form.getByRole("combobox", { name: "Category" });
  await category.evaluate((select: HTMLSelectElement) => select.add(new Option("Retired category", "retired-category")));
  await category.selectOption("retired-category");
  await form.getByRole("button", { name: "Save listing" }).click();
  await expect(category).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Not a category slug from GET /marketplace/categories.")).toBeVisible();
  await expect(category).toBeFocused();
  expect(patches).toBe(1);

  // Fixed: saved, with a toast; the form keeps what was stored.
  await category.selectOption(demo.category ?? "claims");
  await form.getByRole("button", { name: "Save listing" }).click();
  await expect(page.getByText("Listing saved")).toBeVisible();
  // Only what changed is sent (the category went back to what it was; the logo was never changed).
  expect(Object.keys(lastPatch).sort()).toEqual(["description", "tagline"]);
  await expect(form.getByRole("button", { name: "Discard changes" })).toBeDisabled();
  const stored = await ok<Listing>(await partner.get("/api/v1/marketplace/listings/acme-claims-sync"), "read back");
  expect(stored.tagline).toBe(newTagline);
  expect(stored.description).toContain(`Bold ${stamp}`);
  await page.reload();
  await expect(form.getByRole("textbox", { name: "Tagline" })).toHaveValue(newTagline);

  await axeLightAndDark(page, "/listings/acme-claims-sync");

  // On a phone the preview comes after the form, not beside it.
  await page.setViewportSize({ width: 390, height: 844 });
  const formBox = await form.getByRole("heading", { name: "Listing details" }).boundingBox();
  const previewBox = await page.getByRole("complementary", { name: "Live preview" }).boundingBox();
  expect(previewBox!.y).toBeGreaterThan(formBox!.y + 200);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await partner.dispose();
  await ctx.close();
});

test("another partner's listing is not found here, even when it is public", async ({ browser, playwright, baseURL }) => {
  const anon = await playwright.request.newContext({ baseURL });
  const found = await ok<{ data: Listing[] }>(await anon.get("/api/v1/marketplace/listings?sort=installs&limit=50"), "public listings");
  await anon.dispose();
  const other = found.data.find((l) => l.partner.slug !== "acme");
  expect(other, "the demo seed lists apps of several partners").toBeTruthy();
  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto(`/listings/${other!.slug}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("It does not exist, or it belongs to another partner.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Listing details" })).toHaveCount(0);
  await ctx.close();
});

test("the draft app gets a listing, which waits for the app to be published", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const widget = apps.find((a) => a.slug === "acme-quote-widget");
  expect(widget, "the demo seed has the draft Acme Quote Widget").toBeTruthy();
  expect(widget!.status).toBe("draft");
  const partner = await api(playwright, baseURL);
  const existing = await partner.get("/api/v1/marketplace/listings/acme-quote-widget");
  test.skip(existing.ok(), "the draft app already has a listing in this database (a retried run)");

  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto("/listings");
  await page.getByRole("link", { name: "Create listing for Acme Quote Widget" }).click();
  await expect(page).toHaveURL(new RegExp(`/listings/new\\?app=${widget!.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: "New listing: Acme Quote Widget" })).toBeVisible();
  await expect(page.getByText("The listing goes public when the app is published.")).toBeVisible();

  const form = page.getByRole("form", { name: "New listing for Acme Quote Widget" });
  // Nothing filled: the required fields say so, the first takes focus.
  await form.getByRole("button", { name: "Create listing" }).click();
  const tagline = form.getByRole("textbox", { name: "Tagline" });
  await expect(tagline).toHaveAttribute("aria-invalid", "true");
  await expect(tagline).toBeFocused();
  await expect(form.getByRole("combobox", { name: "Category" })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Required.")).toHaveCount(2);

  await tagline.fill("Quotes from every carrier in one widget");
  await form.getByRole("textbox", { name: "Description" }).fill("Embed **live quotes** on the agency's site.\n\n- Auto\n- Home");
  await form.getByRole("combobox", { name: "Category" }).selectOption({ index: 1 });
  // Tags as chips: Enter or a comma adds, lower-cased; a duplicate is dropped; a bad one stays in the box with its reason.
  const tags = form.getByRole("textbox", { name: "Tags" });
  await tags.fill("Quoting");
  await tags.press("Enter");
  await tags.pressSequentially("rating, quoting,");
  await expect(form.getByRole("list", { name: "Tags added" }).getByRole("listitem")).toHaveText(["quoting", "rating"]);
  await tags.fill("bad<tag>");
  await tags.press("Enter");
  await expect(form.getByText(/“bad<tag>”: Letters, digits, spaces and & \+ \. -/)).toBeVisible();
  await expect(tags).toHaveValue("bad<tag>");
  await tags.fill("");
  await form.getByRole("button", { name: "Remove tag rating" }).click();
  await expect(form.getByRole("list", { name: "Tags added" }).getByRole("listitem")).toHaveText(["quoting"]);

  // Screenshots: rows added and removed; blank rows are dropped.
  await form.getByRole("button", { name: "Add screenshot" }).click();
  await expect(form.getByRole("textbox", { name: "Screenshot 1 URL" })).toBeFocused();
  await form.getByRole("textbox", { name: "Screenshot 1 URL" }).fill("https://example.com/quote-1.png");
  await form.getByRole("button", { name: "Add screenshot" }).click();
  await form.getByRole("button", { name: "Add screenshot" }).click();
  await form.getByRole("textbox", { name: "Screenshot 3 URL" }).fill("https://example.com/quote-3.png");
  await form.getByRole("button", { name: "Remove screenshot 2" }).click();
  await expect(form.getByRole("textbox", { name: "Screenshot 2 URL" })).toHaveValue("https://example.com/quote-3.png");

  // Paid, in dollars: the preview shows the price as customers will read it.
  await form.getByRole("radio", { name: /Paid/ }).check();
  const price = form.getByRole("textbox", { name: "Monthly price (USD)" });
  await form.getByRole("button", { name: "Create listing" }).click();
  await expect(form.getByText("Enter the monthly price.")).toBeVisible();
  await price.fill("19.9");
  await expect(page.getByTestId("preview-card")).toContainText("$19.90/month");
  await expect(page.getByTestId("preview-price")).toHaveText("$19.90/month");
  await expect(page.getByTestId("preview-description").locator("strong")).toHaveText("live quotes");

  await form.getByRole("button", { name: "Create listing" }).click();
  await expect(page).toHaveURL(/\/listings\/acme-quote-widget$/);
  await expect(page.getByText("Listing for “Acme Quote Widget” created")).toBeVisible();
  await expect(page.getByTestId("listing-visibility")).toContainText("Waiting for the app to be published");
  await expect(page.getByText("counting starts once it is public")).toBeVisible();
  await expect(page.getByRole("link", { name: "Public page" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Page preview (only your team sees it)" })).toHaveAttribute("href", "/marketplace/apps/acme-quote-widget");

  const created = await ok<Listing & { screenshots: string[] }>(await partner.get("/api/v1/marketplace/listings/acme-quote-widget"), "read back");
  expect(created.visibility).toBe("awaiting_app");
  expect(created.pricing).toEqual({ model: "paid", monthlyPriceCents: 1990 });
  expect(created.tags).toEqual(["quoting"]);
  expect(created.screenshots).toEqual(["https://example.com/quote-1.png", "https://example.com/quote-3.png"]);
  // Not public: anonymous readers do not find it.
  const anon = await playwright.request.newContext({ baseURL });
  expect((await anon.get("/api/v1/marketplace/listings/acme-quote-widget")).status()).toBe(404);
  await anon.dispose();

  await page.goto("/listings");
  const row = page.getByTestId(`listing-row-${widget!.id}`);
  await expect(row.locator("[data-visibility=awaiting_app]")).toBeVisible();
  await expect(row).toContainText("Waiting for the app to be published: it is still a draft.");
  await partner.dispose();
  await ctx.close();
});
