import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { contextFor } from "./support/pages";

// The public listing page: what a visitor reads (rating spread, scopes in words, Markdown without
// raw HTML, screenshots in a lightbox), the Install control for each kind of viewer, the SEO tags
// and the sitemap, and an admin's feature / delist / relist. Demo listings (db/seed-marketplace.ts)
// are only read; what an admin changes is a listing this spec makes for itself over the API.

const stamp = Date.now().toString(36);
const SHOTS = "/tmp/listing-shots";
const DEMO = "/marketplace/apps/acme-claims-sync";

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function api(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, email: string) {
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(ctx, email);
  return ctx;
}

/** A published app of Acme's with a public listing whose description tries raw HTML and a script link. */
async function ownListing(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined) {
  const partner = await api(playwright, baseURL, "partner@portico.test");
  const admin = await api(playwright, baseURL, "admin@portico.test");
  const name = `Listing Spec ${stamp}`;
  const host = `listing-spec-${stamp}.example.com`;
  const app = await ok<{ id: string }>(
    await partner.post("/api/v1/applications", {
      data: {
        name,
        description: "Reads an agency's claims and policies to show adjusters everything about a claim on one screen, and nothing else.",
        websiteUrl: `https://${host}`,
        logoUrl: `https://${host}/logo.png`,
        privacyPolicyUrl: `https://${host}/privacy`,
        supportEmail: `support@${host}`,
        redirectUris: [`https://${host}/oauth/callback`],
        requestedScopes: ["read:claims", "read:policies"],
      },
    }),
    "create app",
  );
  await ok(await partner.post(`/api/v1/applications/${app.id}/submit`, { data: {} }), "submit");
  await ok(await admin.post(`/api/v1/applications/${app.id}/review`, { data: {} }), "review");
  await ok(await admin.post(`/api/v1/applications/${app.id}/approve`, { data: {} }), "approve");
  await ok(await partner.post(`/api/v1/applications/${app.id}/publish`, { data: {} }), "publish");
  const listing = await ok<{ slug: string; visibility: string }>(
    await partner.post("/api/v1/marketplace/listings", {
      data: {
        applicationId: app.id,
        tagline: "Every claim on one screen",
        description: [
          "## Highlights",
          "- Claims and policies side by side",
          "- Nothing to configure",
          '<script>window.__listingPwned = 1</script><b data-raw="1">raw bold</b>',
          "[a bad link](javascript:alert(1)) and [a good one](https://example.com/docs)",
        ].join("\n\n"),
        category: "claims",
        tags: ["claims", "adjusters"],
        pricing: { model: "paid", monthlyPriceCents: 2900 },
      },
    }),
    "create listing",
  );
  expect(listing.visibility).toBe("public");
  return { name, slug: listing.slug, path: `/marketplace/apps/${listing.slug}`, partner, admin };
}

async function seriousAxe(page: Page) {
  // Let enter animations (dialogs, toasts) finish: axe reads colours mid-fade otherwise.
  await page.waitForTimeout(400);
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The page wider than the window: something does not wrap. */
async function sideways(page: Page) {
  return page.evaluate(() => (document.documentElement.scrollWidth > window.innerWidth + 1 ? `${document.documentElement.scrollWidth} px wide in ${window.innerWidth} px` : null));
}

test("a signed-out visitor reads a demo listing: rating spread, scopes in words, Markdown, facts, and Sign in to install", async ({ page }) => {
  const res = await page.goto(DEMO);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Acme Claims Sync" })).toBeVisible();
  await expect(page.getByText("Claims in step between Portico and your claims system", { exact: true })).toBeVisible();

  // The seed's 26 reviews: 1★ 1, 2★ 0, 3★ 2, 4★ 9, 5★ 14.
  const spread = page.getByRole("list", { name: "Reviews by stars" });
  await expect(spread.getByRole("listitem")).toHaveText([/^5 stars:\s*14 reviews, 54%$/, /^4 stars:\s*9 reviews, 35%$/, /^3 stars:\s*2 reviews, 8%$/, /^2 stars:\s*0 reviews, 0%$/, /^1 star:\s*1 review, 4%$/]);
  await expect(page.locator("article header").getByText("Rated 4.3 out of 5 from 26 reviews")).toBeAttached();

  const scopes = page.getByRole("list", { name: "Requested permissions" });
  await expect(scopes).toContainText("Read your claims");
  await expect(scopes).toContainText("Create and change your claims");
  await expect(scopes).toContainText("Read your policies");

  // The description is Markdown, rendered: headings and lists, no Markdown syntax left over.
  const about = page.getByRole("region", { name: "About Acme Claims Sync" });
  await expect(about.getByRole("heading", { name: "What it does" })).toBeVisible();
  await expect(about.getByRole("listitem").filter({ hasText: "A full audit trail for every change" })).toBeVisible();
  await expect(about.getByRole("link", { name: "documentation" })).toHaveAttribute("rel", /nofollow/);
  await expect(about).not.toContainText("## ");

  const details = page.getByRole("region", { name: "Details", exact: true });
  await expect(details).toContainText("Version");
  await expect(details).toContainText("Last update");
  await expect(details.getByRole("link", { name: "Claims", exact: true })).toHaveAttribute("href", "/marketplace/categories/claims");
  await expect(details.getByRole("link", { name: /support@/ })).toHaveAttribute("href", /^mailto:support@/);
  await expect(details.getByRole("link", { name: /Privacy policy/ })).toHaveAttribute("rel", /noopener/);

  const signIn = page.getByRole("link", { name: "Sign in to install" });
  await expect(signIn).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(DEMO)}`);

  // SEO: title, description, canonical and Open Graph, absolute.
  await expect(page).toHaveTitle("Acme Claims Sync · Marketplace · Portico");
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", "Claims in step between Portico and your claims system");
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /^https?:\/\/[^/]+\/marketplace\/apps\/acme-claims-sync$/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Acme Claims Sync — Portico Marketplace");
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "website");
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", /\/marketplace\/apps\/acme-claims-sync$/);
  expect(await seriousAxe(page)).toEqual([]);
});

test("screenshots open in a lightbox: arrows move, Escape closes, focus returns to the thumbnails", async ({ page }) => {
  await page.goto(DEMO);
  const thumbs = page.getByRole("list", { name: "Acme Claims Sync screenshots" });
  await expect(thumbs.getByRole("button")).toHaveCount(3);
  await thumbs.getByRole("button", { name: "Open Acme Claims Sync screenshot 1 of 3" }).click();
  const box = page.getByRole("dialog", { name: "Acme Claims Sync: screenshot 1 of 3" });
  await expect(box).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("dialog", { name: "Acme Claims Sync: screenshot 2 of 3" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("dialog", { name: "Acme Claims Sync: screenshot 3 of 3" })).toBeVisible();
  await page.getByRole("button", { name: "Next screenshot" }).click();
  await expect(page.getByRole("dialog", { name: "Acme Claims Sync: screenshot 1 of 3" })).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  // Back on the thumbnail of the screenshot last shown.
  await expect(thumbs.getByRole("button", { name: "Open Acme Claims Sync screenshot 2 of 3" })).toBeFocused();
});

test("the Install control tells each viewer why, and a retired app takes no installs", async ({ browser }) => {
  const customer = await contextFor(browser, "customer@portico.test");
  let page = await customer.newPage();
  await page.goto(DEMO);
  const install = page.getByRole("button", { name: "Install" });
  await expect(install).toBeEnabled();
  await expect(install).toHaveAccessibleDescription("You'll review what it can access before anything is installed.");
  // An app the agency has: a way to its integration instead.
  await page.goto("/marketplace/apps/bluefin-crm-sync");
  await expect(page.getByRole("link", { name: "Installed: manage" })).toHaveAttribute("href", /^\/installed\/[0-9a-f-]{36}$/);
  await customer.close();

  const partner = await contextFor(browser, "partner@portico.test");
  page = await partner.newPage();
  await page.goto(DEMO);
  await expect(page.getByRole("button", { name: "Install" })).toHaveAccessibleDescription("Sign in with an agency account to install.");
  await partner.close();

  const visitor = await contextFor(browser, "anonymous");
  page = await visitor.newPage();
  await page.goto("/marketplace/apps/cancellation-guard");
  await expect(page.getByRole("region", { name: "Cancellation Guard is being retired" })).toContainText("becoming part of Sentinel License Tracker");
  await expect(page.getByRole("button", { name: "Install" })).toHaveAccessibleDescription("No new installs: this app is being retired.");
  await expect(page.getByRole("link", { name: "Sign in to install" })).toHaveCount(0);
  // A listing whose app is not out yet is not there for visitors.
  expect((await page.goto("/marketplace/apps/northwind-rater"))?.status()).toBe(404);
  expect((await page.goto("/marketplace/apps/no-such-listing"))?.status()).toBe(404);
  await visitor.close();
});

test("the partner sees why its unpublished listing is not public", async ({ browser }) => {
  const ctx = await browser.newContext();
  await signInOverHttp(ctx.request, "northwind@portico.test");
  const page = await ctx.newPage();
  await page.goto("/marketplace/apps/northwind-rater");
  await expect(page.getByRole("region", { name: "Not public yet" })).toContainText("goes public when its app is published");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await ctx.close();
});

test("sitemap.xml lists the marketplace, its categories and public listings", async ({ request }) => {
  const res = await request.get("/sitemap.xml");
  expect(res.status()).toBe(200);
  const xml = await res.text();
  expect(xml).toMatch(/<loc>https?:\/\/[^<]+\/marketplace<\/loc>/);
  expect(xml).toMatch(/<loc>https?:\/\/[^<]+\/marketplace\/categories\/claims<\/loc>/);
  expect(xml).toMatch(/<loc>https?:\/\/[^<]+\/marketplace\/apps\/acme-claims-sync<\/loc>/);
  expect(xml).not.toContain("/marketplace/apps/northwind-rater<");
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/Sitemap: https?:\/\/[^\s]+\/sitemap\.xml/);
});

test("an admin features, unfeatures, delists (a reason is required) and relists a listing; its Markdown carries no raw HTML", async ({ browser, playwright, baseURL }) => {
  const own = await ownListing(playwright, baseURL);
  const ctx = await contextFor(browser, "admin@portico.test");
  const page = await ctx.newPage();
  const pwned: string[] = [];
  page.on("dialog", (d) => {
    pwned.push(d.message());
    void d.dismiss();
  });
  await page.goto(own.path);
  await expect(page.getByRole("heading", { level: 1, name: own.name })).toBeVisible();

  // Markdown rendered, the HTML in it neither rendered nor run, the javascript: link dropped.
  const about = page.getByRole("region", { name: `About ${own.name}` });
  await expect(about.getByRole("heading", { name: "Highlights" })).toBeVisible();
  await expect(about.getByRole("list").first().getByRole("listitem")).toHaveText(["Claims and policies side by side", "Nothing to configure"]);
  await expect(about.getByRole("list", { name: "Tags" })).toHaveText(/claims\s*adjusters/);
  await expect(about.locator("script, b, [data-raw]")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __listingPwned?: number }).__listingPwned)).toBeUndefined();
  await expect(about.getByRole("link", { name: "a bad link" })).toHaveCount(0);
  await expect(about.getByRole("link", { name: "a good one" })).toHaveAttribute("href", "https://example.com/docs");
  await expect(page.getByText("$29/month").first()).toBeVisible();

  const adminPanel = page.getByRole("region", { name: "Admin", exact: true });
  await expect(adminPanel).toContainText("Not featured.");
  expect(await seriousAxe(page)).toEqual([]);

  // Feature, at a position.
  await adminPanel.getByRole("button", { name: "Feature…" }).click();
  let dialog = page.getByRole("dialog", { name: `Feature “${own.name}”` });
  await dialog.getByLabel("Position").fill("7");
  const sent = page.waitForRequest((r) => r.url().endsWith(`/marketplace/listings/${own.slug}/feature`) && r.method() === "POST");
  await dialog.getByRole("button", { name: "Feature", exact: true }).click();
  expect((await sent).postDataJSON()).toEqual({ featured: true, position: 7 });
  await expect(page.getByText(`“${own.name}” is featured`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(adminPanel).toContainText("In the featured row.");
  await expect(page.locator("article header").getByText("Featured", { exact: true })).toBeVisible();
  const featured = await ok<{ data: { slug: string }[] }>(await own.admin.get("/api/v1/marketplace/featured?limit=50"), "featured");
  expect(featured.data.map((l) => l.slug)).toContain(own.slug);

  // Unfeature.
  await adminPanel.getByRole("button", { name: "Unfeature" }).click();
  await expect(page.getByText(`“${own.name}” is no longer featured`)).toBeVisible();
  await expect(adminPanel).toContainText("Not featured.");
  await expect(page.locator("article header").getByText("Featured", { exact: true })).toHaveCount(0);

  // Delist asks for a reason, and Cancel changes nothing.
  await adminPanel.getByRole("button", { name: "Delist…" }).click();
  dialog = page.getByRole("dialog", { name: `Delist “${own.name}”?` });
  await dialog.getByRole("button", { name: "Delist", exact: true }).click();
  await expect(dialog.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousAxe(page)).toEqual([]);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(adminPanel.getByRole("button", { name: "Delist…" })).toBeFocused();
  expect((await ok<{ visibility: string }>(await own.admin.get(`/api/v1/marketplace/listings/${own.slug}`), "after cancel")).visibility).toBe("public");

  // Delist with a reason: the page says so, to the admin and the partner; visitors get a 404.
  await adminPanel.getByRole("button", { name: "Delist…" }).click();
  await dialog.getByLabel("Reason").fill("The screenshots show another company's product.");
  await dialog.getByRole("button", { name: "Delist", exact: true }).click();
  await expect(page.getByText(`“${own.name}” is delisted`)).toBeVisible();
  const banner = page.getByRole("region", { name: "Delisted by a platform admin" });
  await expect(banner).toContainText("The screenshots show another company's product.");
  await expect(page.getByRole("button", { name: "Install" })).toHaveAccessibleDescription("No installs: this listing is delisted.");
  const visitor = await browser.newContext();
  expect((await (await visitor.newPage()).goto(own.path))?.status()).toBe(404);
  await visitor.close();

  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/admin-delisted-1280.png`, fullPage: true });

  // Relist, after a confirmation.
  await adminPanel.getByRole("button", { name: "Relist…" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Relist “${own.name}”?` });
  await confirm.getByRole("button", { name: "Relist" }).click();
  await expect(page.getByText(`“${own.name}” is listed again`)).toBeVisible();
  await expect(banner).toHaveCount(0);
  expect((await ok<{ visibility: string }>(await own.admin.get(`/api/v1/marketplace/listings/${own.slug}`), "after relist")).visibility).toBe("public");
  expect(pwned).toEqual([]);

  // Views: a visitor's two (one from search results) count; the admin's above and the partner's own do not.
  const visitorCtx = await browser.newContext();
  const visitorPage = await visitorCtx.newPage();
  await visitorPage.goto(`${own.path}?ref=search`);
  await visitorPage.goto(own.path);
  await visitorCtx.close();
  const partnerCtx = await contextFor(browser, "partner@portico.test");
  await (await partnerCtx.newPage()).goto(own.path);
  await partnerCtx.close();
  await expect
    .poll(async () => (await ok<{ totals: { views: number; clicks: number } }>(await own.partner.get(`/api/v1/marketplace/listings/${own.slug}/stats?days=1`), "stats")).totals, {
      timeout: 10_000,
    })
    .toEqual(expect.objectContaining({ views: 2, clicks: 1 }));
  // Counts are flushed every second: a moment later, still two (the partner's visit was not merely late).
  await new Promise((r) => setTimeout(r, 2_000));
  expect((await ok<{ totals: { views: number } }>(await own.partner.get(`/api/v1/marketplace/listings/${own.slug}/stats?days=1`), "stats")).totals.views).toBe(2);

  await own.partner.dispose();
  await own.admin.dispose();
  await ctx.close();
});

test("the listing page fits phones and desktops, light and dark", async ({ browser }) => {
  mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [390, 1280]) {
      const ctx = await contextFor(browser, "anonymous", { colorScheme: scheme, viewport: { width, height: 860 } });
      const page = await ctx.newPage();
      await page.goto(DEMO);
      await expect(page.getByRole("heading", { level: 1, name: "Acme Claims Sync" })).toBeVisible();
      expect(await sideways(page)).toBeNull();
      await page.screenshot({ path: `${SHOTS}/listing-${scheme}-${width}.png`, fullPage: true });
      if (width === 390) {
        await page.getByRole("button", { name: /Open Acme Claims Sync screenshot 1/ }).click();
        await expect(page.getByRole("dialog")).toBeVisible();
        await page.screenshot({ path: `${SHOTS}/lightbox-${scheme}-${width}.png` });
      }
      if (scheme === "dark") expect(await seriousAxe(page)).toEqual([]);
      await ctx.close();
    }
  }
  const ctx = await contextFor(browser, "anonymous", { viewport: { width: 390, height: 860 } });
  const page = await ctx.newPage();
  await page.goto("/marketplace/apps/cancellation-guard");
  await page.screenshot({ path: `${SHOTS}/deprecated-390.png`, fullPage: true });
  await ctx.close();
});
