import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signInOverHttp } from "./support/auth";

// Reviews on a listing page, end to end: an agency member whose agency has the app installed
// writes, edits and deletes a review; others mark it helpful and report it; the partner replies;
// an admin hides it from the reported-reviews queue and restores it. Each viewer is told why they
// can or cannot review. The star bars filter the list.
//
// Demo data (db/seed-marketplace.ts): Template Studio is Acme's (partner@portico.test) with five
// installs and no reviews; agent24@queen-city-agency.example and agent25@rockport-agency.example
// belong to two of the installing agencies. What this spec writes it deletes again, so Template
// Studio ends with no reviews, as seeded. Acme Claims Sync's seeded reviews are only read.

const LISTING = "/marketplace/apps/template-studio";
const DEMO = "/marketplace/apps/acme-claims-sync";
const AUTHOR = "agent24@queen-city-agency.example";
const READER = "agent25@rockport-agency.example";
const stamp = Date.now().toString(36);
const TITLE = `Templates that fit ${stamp}`;

async function seriousAxe(page: Page) {
  // Let enter animations (dialogs, toasts) finish: axe reads colours mid-fade otherwise.
  await page.waitForTimeout(400);
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** A browser context signed in as any seeded user (over HTTP), or a signed-out one. */
async function signedIn(browser: Browser, email?: string): Promise<BrowserContext> {
  if (!email) return browser.newContext();
  const seed = await browser.newContext();
  await signInOverHttp(seed.request, email);
  const storageState = await seed.storageState();
  await seed.close();
  return browser.newContext({ storageState });
}

/** A re-run on the same database starts clean: the author's review from an earlier run goes. */
async function deleteOwnReview(request: APIRequestContext) {
  const page = await (await request.get("/api/v1/marketplace/listings/template-studio/reviews")).json();
  const own = page.viewer?.review;
  if (own) expect((await request.delete(`/api/v1/marketplace/reviews/${own.id}`)).status()).toBe(204);
}

const reviewsRegion = (page: Page) => page.getByRole("region", { name: "Reviews", exact: true });

test("an installer writes, edits and deletes a review; readers vote and report; the partner replies; an admin hides and restores it", async ({ browser, playwright, baseURL }) => {
  const authorApi = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(authorApi, AUTHOR);
  await deleteOwnReview(authorApi);

  // ---- the author writes a review --------------------------------------------------------------
  const authorCtx = await signedIn(browser, AUTHOR);
  const page = await authorCtx.newPage();
  await page.goto(LISTING);
  let reviews = reviewsRegion(page);
  await expect(reviews.getByRole("heading", { name: "No reviews yet" })).toBeVisible();
  await reviews.getByRole("button", { name: "Write a review" }).click();
  const form = reviews.getByRole("form", { name: "Write a review" });
  await form.getByRole("button", { name: "Post review" }).click();
  await expect(form.getByText("Choose 1 to 5 stars")).toBeVisible();
  await expect(form.getByLabel("Your review")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousAxe(page)).toEqual([]);

  await form.getByRole("radio", { name: "4 stars", exact: true }).check();
  await form.getByLabel("Title (optional)").fill(TITLE);
  await form.getByLabel("Your review").fill("Our proposal templates moved over in an afternoon.\n\nMerge fields cover everything we use.");
  await form.getByRole("button", { name: "Post review" }).click();
  await expect(page.getByText("Thanks for your review")).toBeVisible();
  let card = reviews.getByRole("article").filter({ hasText: TITLE });
  await expect(card.getByRole("img", { name: "4 out of 5 stars" })).toBeVisible();
  await expect(card).toContainText("Queen City");
  await expect(card).toContainText("Merge fields cover everything we use.");
  await expect(card).not.toContainText("edited");
  // The author cannot mark their own review helpful or report it.
  await expect(card.getByRole("button", { name: /Helpful/ })).toHaveCount(0);
  await expect(card.getByRole("button", { name: "Report" })).toHaveCount(0);
  // The server-rendered rating follows (header and Ratings panel).
  await expect(page.locator("article header").getByText("Rated 4.0 out of 5 from 1 review")).toBeAttached();
  await expect(page.getByRole("list", { name: "Reviews by stars" }).getByRole("listitem").first()).toHaveText(/^5 stars:\s*0 reviews, 0%$/);
  expect(await seriousAxe(page)).toEqual([]);

  // ---- and edits it ---------------------------------------------------------------------------
  await reviews.getByRole("button", { name: "Edit your review" }).click();
  const edit = reviews.getByRole("form", { name: "Edit your review" });
  await expect(edit.getByRole("radio", { name: "4 stars", exact: true })).toBeChecked();
  await edit.getByRole("radio", { name: "2 stars", exact: true }).check();
  await edit.getByLabel("Your review").fill("The templates are fine, but PDF output broke twice this month.");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Your review is updated")).toBeVisible();
  card = reviews.getByRole("article").filter({ hasText: TITLE });
  await expect(card.getByRole("img", { name: "2 out of 5 stars" })).toBeVisible();
  await expect(card).toContainText("edited");
  await expect(reviews.getByRole("button", { name: /^2 stars\s*:\s*1 review, 100%$/ })).toBeVisible();
  await expect(page.locator("article header").getByText("Rated 2.0 out of 5 from 1 review")).toBeAttached();

  // ---- who may review, in words ------------------------------------------------------------------
  const visitorCtx = await signedIn(browser);
  const visitor = await visitorCtx.newPage();
  await visitor.goto(LISTING);
  await expect(reviewsRegion(visitor).getByRole("link", { name: "Sign in to review" })).toHaveAttribute("href", `/signin?callbackUrl=${encodeURIComponent(LISTING)}`);
  await expect(reviewsRegion(visitor).getByRole("article").filter({ hasText: TITLE })).toBeVisible();
  await expect(reviewsRegion(visitor).getByRole("button", { name: /Helpful/ })).toHaveCount(0);
  expect(await seriousAxe(visitor)).toEqual([]);
  const customerCtx = await signedIn(browser, "customer@portico.test");
  const customer = await customerCtx.newPage();
  await customer.goto(LISTING);
  await expect(reviewsRegion(customer)).toContainText("Install the app to review it.");
  await expect(reviewsRegion(customer).getByRole("button", { name: "Write a review" })).toHaveCount(0);
  await customerCtx.close();

  // ---- another installer finds it helpful and reports it -------------------------------------------
  const readerCtx = await signedIn(browser, READER);
  const reader = await readerCtx.newPage();
  await reader.goto(LISTING);
  const readerCard = reviewsRegion(reader).getByRole("article").filter({ hasText: TITLE });
  const helpful = readerCard.getByRole("button", { name: "Helpful (0)" });
  await expect(helpful).toHaveAttribute("aria-pressed", "false");
  await helpful.click();
  await expect(readerCard.getByRole("button", { name: "Helpful (1)" })).toHaveAttribute("aria-pressed", "true");
  await reader.reload();
  await expect(reviewsRegion(reader).getByRole("article").filter({ hasText: TITLE }).getByRole("button", { name: "Helpful (1)" })).toHaveAttribute("aria-pressed", "true");
  await reviewsRegion(reader).getByRole("article").filter({ hasText: TITLE }).getByRole("button", { name: "Report" }).click();
  const dialog = reader.getByRole("dialog", { name: "Report this review" });
  await dialog.getByRole("button", { name: "Report" }).click();
  await expect(dialog.getByLabel("What is wrong with it?")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousAxe(reader)).toEqual([]);
  await dialog.getByLabel("What is wrong with it?").selectOption("Off-topic");
  await dialog.getByLabel("Details (optional)").fill(`Talks about another product ${stamp}`);
  await dialog.getByRole("button", { name: "Report" }).click();
  await expect(reader.getByText("Thanks: the moderators will look at this review")).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(reviewsRegion(reader).getByRole("article").filter({ hasText: TITLE }).getByRole("button", { name: "Reported" })).toBeDisabled();

  // ---- the partner replies, then changes the reply ----------------------------------------------------
  const partnerCtx = await signedIn(browser, "partner@portico.test");
  const partner = await partnerCtx.newPage();
  await partner.goto(LISTING);
  await expect(reviewsRegion(partner)).toContainText("This is your team's app");
  let partnerCard = reviewsRegion(partner).getByRole("article").filter({ hasText: TITLE });
  await partnerCard.getByRole("button", { name: "Reply" }).click();
  await partnerCard.getByLabel("Your public reply").fill("Sorry about the PDFs: version 2.1 fixes the export.");
  await partnerCard.getByRole("button", { name: "Post reply" }).click();
  await expect(partner.getByText("Your reply is posted")).toBeVisible();
  partnerCard = reviewsRegion(partner).getByRole("article").filter({ hasText: TITLE });
  await expect(partnerCard).toContainText("Reply from Acme Insurtech");
  await expect(partnerCard).toContainText("version 2.1 fixes the export");
  await partnerCard.getByRole("button", { name: "Edit reply" }).click();
  await partnerCard.getByLabel("Your public reply").fill("Version 2.1 is out and fixes the PDF export.");
  await partnerCard.getByRole("button", { name: "Save reply" }).click();
  await expect(partner.getByText("Your reply is updated")).toBeVisible();
  await expect(reviewsRegion(partner).getByRole("article").filter({ hasText: TITLE })).toContainText(/Reply from Acme Insurtech.*edited/s);
  expect(await seriousAxe(partner)).toEqual([]);
  await partnerCtx.close();

  // ---- an admin hides it from the queue, then restores it ------------------------------------------------
  const adminCtx = await signedIn(browser, "admin@portico.test");
  const admin = await adminCtx.newPage();
  await admin.goto("/admin/reviews");
  await expect(admin.getByRole("heading", { level: 1, name: "Reviews queue" })).toBeVisible();
  await admin.getByRole("link", { name: "Reported reviews" }).click();
  await expect(admin).toHaveURL(/\/admin\/reviews\?tab=reported$/);
  await expect(admin.getByRole("link", { name: "Reported reviews" })).toHaveAttribute("aria-current", "page");
  const entry = admin.getByTestId("reported-review").filter({ hasText: TITLE });
  await expect(entry).toContainText(`Off-topic: Talks about another product ${stamp}`);
  await expect(entry).toContainText("Reported by 1 person");
  expect(await seriousAxe(admin)).toEqual([]);
  await entry.getByRole("button", { name: "Hide review…" }).click();
  const hide = admin.getByRole("dialog", { name: "Hide this review of Template Studio?" });
  await hide.getByRole("button", { name: "Hide review" }).click();
  await expect(hide.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
  expect(await seriousAxe(admin)).toEqual([]);
  await hide.getByLabel("Reason").fill("Reviews are about the app itself.");
  await hide.getByRole("button", { name: "Hide review" }).click();
  await expect(admin.getByText("The review is hidden")).toBeVisible();
  await expect(admin.getByTestId("reported-review").filter({ hasText: TITLE })).toHaveCount(0);

  // Gone from the page and its rating for everyone but its author, who is told why.
  await visitor.reload();
  await expect(reviewsRegion(visitor).getByRole("article").filter({ hasText: TITLE })).toHaveCount(0);
  await expect(reviewsRegion(visitor).getByRole("heading", { name: "No reviews yet" })).toBeVisible();
  await expect(visitor.locator("article header").getByText("No reviews yet")).toBeVisible();
  await page.reload();
  await expect(reviewsRegion(page).getByRole("note")).toContainText("A moderator hid your review: Reviews are about the app itself.");

  await admin.getByRole("button", { name: "Resolved" }).click();
  await expect(admin).toHaveURL(/status=resolved/);
  const resolved = admin.getByTestId("reported-review").filter({ hasText: TITLE });
  await expect(resolved).toContainText("Hidden");
  await resolved.getByRole("button", { name: "Restore…" }).click();
  await admin.getByRole("alertdialog", { name: "Restore this review of Template Studio?" }).getByRole("button", { name: "Restore" }).click();
  await expect(admin.getByText("The review is back on the listing")).toBeVisible();
  await visitor.reload();
  await expect(reviewsRegion(visitor).getByRole("article").filter({ hasText: TITLE })).toBeVisible();
  await adminCtx.close();
  await visitorCtx.close();
  await readerCtx.close();

  // ---- the author deletes it ---------------------------------------------------------------------
  await page.reload();
  reviews = reviewsRegion(page);
  await reviews.getByRole("button", { name: "Delete your review…" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete your review of Template Studio?" });
  await expect(confirm.getByRole("button", { name: "Cancel" })).toBeFocused();
  await confirm.getByRole("button", { name: "Delete review" }).click();
  await expect(page.getByText("Your review is deleted")).toBeVisible();
  await expect(reviews.getByRole("heading", { name: "No reviews yet" })).toBeVisible();
  await expect(reviews.getByRole("button", { name: "Write a review" })).toBeVisible();
  await expect(page.locator("article header").getByText("No reviews yet")).toBeVisible();
  await authorCtx.close();
  await authorApi.dispose();
});

test("the star bars filter the reviews, the sort reorders them, and Load more pages on", async ({ page }) => {
  await page.goto(DEMO);
  const reviews = reviewsRegion(page);
  const list = reviews.getByRole("list", { name: "Reviews of Acme Claims Sync" });
  await expect(list.getByRole("article")).toHaveCount(10);
  await expect(reviews).toContainText("26 reviews");

  await reviews.getByRole("button", { name: /^1 star\s*:\s*1 review/ }).click();
  await expect(reviews.getByRole("button", { name: /^1 star\s*:/ })).toHaveAttribute("aria-pressed", "true");
  await expect(reviews).toContainText("Showing 1-star reviews");
  await expect(list.getByRole("article")).toHaveCount(1);
  await expect(list.getByRole("img", { name: "1 out of 5 stars" })).toHaveCount(1);
  // No 2-star reviews: that bar cannot be pressed.
  await expect(reviews.getByRole("button", { name: /^2 stars\s*:/ })).toBeDisabled();
  await reviews.getByRole("button", { name: "Show all reviews" }).click();
  await expect(list.getByRole("article")).toHaveCount(10);

  await reviews.getByLabel("Sort reviews").selectOption("lowest");
  await expect(list.getByRole("article").first().getByRole("img", { name: "1 out of 5 stars" })).toBeVisible();
  await reviews.getByRole("button", { name: "Load more reviews" }).click();
  await expect(list.getByRole("article")).toHaveCount(20);
  await reviews.getByRole("button", { name: "Load more reviews" }).click();
  await expect(list.getByRole("article")).toHaveCount(26);
  await expect(reviews.getByRole("button", { name: "Load more reviews" })).toHaveCount(0);
  await expect(list.getByRole("article").last().getByRole("img", { name: "5 out of 5 stars" })).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
});
