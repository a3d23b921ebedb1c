import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { contextFor } from "./support/pages";

// The admin review of app submissions: the queue (oldest first, with the time waiting), the review
// page (checks, scopes in words, the diff against the live version) and both decisions, with the
// partner seeing a rejection's reason. Apps are made over the API as the demo partner (Acme).

const stamp = Date.now().toString(36);
const SHOTS = "/tmp/review-shots";

type AppBody = { id: string; slug: string; name: string; status: string; currentVersion: { id: string; version: string; status: string; reviewNotes: string | null; requestedScopes: string[] }; liveVersion: { version: string; requestedScopes: string[] } | null };

async function partnerApi(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(api, "partner@portico.test");
  return api;
}

async function ok<T>(res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** A new app of Acme's, submitted: it lands at the end of the queue. */
async function submittedApp(api: APIRequestContext, name: string): Promise<AppBody> {
  const host = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example.com`;
  const created = await ok<AppBody>(
    await api.post("/api/v1/applications", {
      data: {
        name,
        description:
          "Pushes claim status changes from the agency's adjusters into the carrier portal and reads the policies they belong to, so nobody types a claim twice.",
        websiteUrl: `https://${host}`,
        logoUrl: `https://${host}/logo.png`,
        privacyPolicyUrl: `https://${host}/privacy`,
        supportEmail: `support@${host}`,
        redirectUris: [`https://${host}/oauth/callback`],
        requestedScopes: ["write:claims", "read:policies"],
        scopeJustifications: { "write:claims": "Writes the adjuster's status changes back to each claim." },
      },
    }),
    "create",
  );
  return ok<AppBody>(await api.post(`/api/v1/applications/${created.id}/submit`, { data: {} }), "submit");
}

/**
 * A published app of Acme's with a new version (one more scope) submitted: an update in the queue.
 * Made for the test, so the demo's "Acme Claims Sync" stays as other specs expect it.
 */
async function submittedUpdate(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, name: string) {
  const api = await partnerApi(playwright, baseURL);
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(admin, "admin@portico.test");
  const app = await submittedApp(api, name);
  await ok(await admin.post(`/api/v1/applications/${app.id}/review`, { data: {} }), "review");
  await ok(await admin.post(`/api/v1/applications/${app.id}/approve`, { data: {} }), "approve");
  const published = await ok<AppBody>(await api.post(`/api/v1/applications/${app.id}/publish`, { data: {} }), "publish");
  const live = published.liveVersion!;
  const added = "read:leads";
  await ok(
    await api.patch(`/api/v1/applications/${app.id}`, {
      data: { requestedScopes: [...live.requestedScopes, added], version: "1.1.0", changelog: "Shows the agency's leads next to each claim." },
    }),
    "new version",
  );
  await ok(await api.post(`/api/v1/applications/${app.id}/submit`, { data: {} }), "submit the new version");
  await api.dispose();
  await admin.dispose();
  return { ...published, live, added, version: "1.1.0" };
}

/** The page wider than the window: something does not wrap. */
async function sideways(page: Page) {
  return page.evaluate(() => (document.documentElement.scrollWidth > window.innerWidth + 1 ? `${document.documentElement.scrollWidth} px wide in ${window.innerWidth} px` : null));
}

async function seriousAxe(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  const res = await (include ? builder.include(include) : builder).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

async function openFromQueue(page: Page, app: { slug: string; name: string }) {
  await page.goto("/admin/reviews");
  const row = page.getByTestId(`review-row-${app.slug}`);
  await row.getByRole("link", { name: app.name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: app.name })).toBeVisible();
}

test("the queue lists Northwind's submission, oldest first, with how long it has waited", async ({ browser }) => {
  const ctx = await contextFor(browser, "admin@portico.test");
  const page = await ctx.newPage();
  await page.goto("/admin/reviews");
  await expect(page.getByRole("heading", { level: 1, name: "Reviews queue" })).toBeVisible();
  const row = page.getByTestId("review-row-northwind-rater");
  await expect(row.getByRole("link", { name: "Northwind Rater", exact: true })).toBeVisible();
  await expect(row).toContainText("Northwind");
  await expect(row).toContainText("1.0.0");
  await expect(row).toContainText("Submitted");
  // Seeded 26 hours ago.
  await expect(row.locator("td").filter({ hasText: /^1 d$/ })).toHaveCount(1);

  // The filter lives in the URL: "in review" leaves the submission out, and says why the list is empty or shorter.
  await page.getByLabel("Filter by status").selectOption("in_review");
  await expect(page).toHaveURL(/\?status=in_review/);
  await expect(page.getByTestId("review-row-northwind-rater")).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Filter by status")).toHaveValue("in_review");
  await ctx.close();
});

test("an admin starts the review of a new app, reads its checks and scopes, ticks the checklist and approves it", async ({ browser, playwright, baseURL }) => {
  const api = await partnerApi(playwright, baseURL);
  const app = await submittedApp(api, `Review Approve ${stamp}`);
  expect(app.currentVersion.status).toBe("submitted");

  const ctx = await contextFor(browser, "admin@portico.test");
  const page = await ctx.newPage();
  await openFromQueue(page, app);
  await expect(page.getByTestId("review-status")).toHaveText("Submitted");
  await expect(page.getByTestId("review-waiting")).toContainText(/< 1 min|\d+ min/);
  await expect(page.getByRole("button", { name: "Approve", exact: true })).toBeDisabled();

  await page.getByRole("button", { name: "Start review" }).click();
  await expect(page.getByTestId("review-status")).toHaveText("In review");
  await expect(page.getByRole("button", { name: "Start review" })).toHaveCount(0);

  // The checks of this version: none failed (else it could not have been submitted).
  await expect(page.getByTestId("checks-summary")).toContainText("0 failed");
  // Passed checks are folded away; each check's evidence unfolds under it.
  const passedCheck = page.getByTestId("check-redirect_uris_secure");
  await expect(passedCheck).toBeHidden();
  await page.locator("summary", { hasText: /^Passed \(\d+\)$/ }).click();
  await expect(passedCheck).toBeVisible();
  await passedCheck.locator("summary", { hasText: "Details" }).click();
  await expect(passedCheck).toContainText("Evidence");
  // A first version: everything is new.
  await expect(page.getByTestId("first-version")).toContainText("First version");
  // The scopes in the words customers read, each with the partner's reason or its absence.
  const scopes = page.getByTestId("scopes-in-words");
  await expect(scopes).toContainText("Create and change your claims");
  await expect(scopes).toContainText("Writes the adjuster's status changes back to each claim.");
  await expect(scopes).toContainText("Read your policies");
  await expect(scopes).toContainText("No justification given");
  // Addresses are links out, never loaded here.
  await expect(page.getByRole("link", { name: /\/privacy$/ })).toHaveAttribute("href", /^https:\/\/.*\/privacy$/);

  const checklist = ["Scopes match what the app does", "Privacy policy covers platform data", "Redirect URIs belong to the partner's domains", "Description is accurate", "Support contact works"];
  for (const item of checklist) await page.getByLabel(item).check();
  await page.getByLabel("Notes (optional)").fill("Looks good: scopes fit the claims sync.");
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  const confirm = page.getByRole("alertdialog", { name: `Approve “${app.name} 1.0.0”?` });
  await expect(confirm).toBeVisible();
  const sent = page.waitForRequest((r) => r.url().endsWith(`/applications/${app.id}/approve`) && r.method() === "POST");
  await confirm.getByRole("button", { name: "Approve" }).click();
  const body = (await sent).postDataJSON() as { notes?: string; checklist?: Record<string, boolean> };
  expect(Object.values(body.checklist ?? {})).toEqual([true, true, true, true, true]);
  expect(body.notes).toBe("Looks good: scopes fit the claims sync.");

  await expect(page.getByTestId("review-status")).toHaveText("Approved");
  await expect(page.getByTestId("decision-result")).toContainText("Approved");
  await expect(page.getByRole("link", { name: "Back to the review queue" })).toBeVisible();
  await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "Timeline" }) })).toContainText("Approved");
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/decided-approved-1280.png`, fullPage: true });

  const after = await ok<AppBody>(await api.get(`/api/v1/applications/${app.id}`), "partner reads");
  expect(after.status).toBe("approved");
  // It left the queue.
  await page.getByRole("link", { name: "Back to the review queue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reviews queue" })).toBeVisible();
  await expect(page.getByTestId(`review-row-${app.slug}`)).toHaveCount(0);
  await api.dispose();
  await ctx.close();
});

test("a rejection needs a reason of 10 characters or more, and the partner reads it", async ({ browser, playwright, baseURL }) => {
  const api = await partnerApi(playwright, baseURL);
  const app = await submittedApp(api, `Review Reject ${stamp}`);

  const ctx = await contextFor(browser, "admin@portico.test");
  const page = await ctx.newPage();
  await openFromQueue(page, app);
  await expect(page.getByTestId("checks-summary")).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  // A submission can be rejected without starting the review.
  await page.getByRole("button", { name: "Reject…" }).click();
  const dialog = page.getByRole("dialog", { name: `Reject “${app.name} 1.0.0”?` });
  const reason = dialog.getByLabel("Reason (shown to the partner)");
  await reason.fill("Too short");
  await dialog.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toContainText("10 characters or more");
  expect(await seriousAxe(page, '[role="dialog"]')).toEqual([]);
  await expect(page.getByTestId("review-status")).toHaveText("Submitted");

  const why = "The privacy policy does not say how claim data from the platform is stored or deleted.";
  await reason.fill(why);
  await dialog.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("review-status")).toHaveText("Rejected");
  await expect(page.getByTestId("decision-result")).toContainText(why);
  await expect(page.getByRole("link", { name: "Back to the review queue" })).toBeVisible();

  const seen = await ok<AppBody>(await api.get(`/api/v1/applications/${app.id}`), "partner reads");
  expect(seen.status).toBe("rejected");
  expect(seen.currentVersion.reviewNotes).toBe(why);
  await api.dispose();
  await ctx.close();
});

test("a new version of a published app shows what it changes, its new scope marked New", async ({ browser, playwright, baseURL }) => {
  const update = await submittedUpdate(playwright, baseURL, `Claims Ledger ${stamp}`);
  const { live, added, version } = update;
  const ctx = await contextFor(browser, "admin@portico.test");
  const page = await ctx.newPage();
  await page.goto("/admin/reviews");
  await expect(page.getByTestId(`review-row-${update.slug}`)).toContainText("Update");
  await openFromQueue(page, { slug: update.slug, name: update.name });
  await expect(page.getByRole("heading", { name: `Changes: ${live.version} → ${version}` })).toBeVisible();
  const diff = page.getByTestId("diff-scopes");
  const fresh = diff.locator('[data-change="added"]');
  await expect(fresh).toHaveCount(1);
  await expect(fresh).toContainText(added);
  await expect(fresh).toContainText("New");
  for (const kept of live.requestedScopes) await expect(diff.locator('[data-change="unchanged"]', { hasText: kept })).toHaveCount(1);
  await expect(page.getByTestId("first-version")).toHaveCount(0);
  // The scopes in words mark the new one too; a read scope without a reason is not a warning.
  await expect(page.getByTestId("scopes-in-words").locator("li", { hasText: added })).toContainText("New");
  await ctx.close();
});

test("the queue and review pages, light and dark, wide and narrow: axe-clean, with screenshots to look at", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  const update = await submittedUpdate(playwright, baseURL, `Claims Ledger Shots ${stamp}`);
  for (const scheme of ["light", "dark"] as const) {
    for (const width of [1280, 390]) {
      const ctx = await contextFor(browser, "admin@portico.test", { colorScheme: scheme, viewport: { width, height: 860 } });
      const page = await ctx.newPage();
      await page.goto("/admin/reviews");
      await expect(page.getByTestId("review-row-northwind-rater")).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/queue-${scheme}-${width}.png`, fullPage: true });
      expect(await seriousAxe(page), `queue ${scheme} ${width}`).toEqual([]);
      expect(await sideways(page), `queue ${width}`).toBeNull();
      await page.goto(`/admin/reviews/${update.id}`);
      await expect(page.getByTestId("checks-summary")).toBeVisible();
      await expect(page.locator("section").filter({ has: page.getByRole("heading", { name: "Timeline" }) })).toContainText("Submitted for review");
      await page.screenshot({ path: `${SHOTS}/review-${scheme}-${width}.png`, fullPage: true });
      expect(await seriousAxe(page), `review ${scheme} ${width}`).toEqual([]);
      expect(await sideways(page), `review ${width}`).toBeNull();
      // A first version, as the admin sees it (the partner of the update cannot read Northwind's app).
      const rater = (await ok<{ data: AppBody[] }>(await page.request.get("/api/v1/applications?q=Northwind%20Rater&limit=5"), "find")).data[0];
      if (rater) {
        await page.goto(`/admin/reviews/${rater.id}`);
        await expect(page.getByTestId("first-version")).toBeVisible();
        await expect(page.getByTestId("checks-summary")).toBeVisible();
        // The seed writes no timeline for it: wait for "Nothing recorded yet", not an entry.
        await expect(page.getByRole("status").filter({ hasText: "Loading" })).toHaveCount(0);
        await page.screenshot({ path: `${SHOTS}/review-first-${scheme}-${width}.png`, fullPage: true });
        expect(await sideways(page), `first version ${width}`).toBeNull();
      }
      await ctx.close();
    }
  }
});
