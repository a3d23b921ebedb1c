import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// Browsing the public marketplace on the demo listings (db/seed-marketplace.ts), signed out:
// search as you type from the home page and pick with the keyboard, a misspelt search that
// says what it searched instead, a category from the home page, the filters in the URL, and
// axe over the home and results pages. Nothing here changes demo data.

type Item = { slug: string; name: string; category: string | null; pricing: { model: string } };

async function apiListings(page: Page, query: string): Promise<Item[]> {
  const res = await page.request.get(`/api/v1/marketplace/listings?${query}&limit=50`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { data: Item[] }).data;
}

/** The names on the result cards, in order. */
const cardNames = (page: Page, list: string) => page.getByRole("list", { name: list }).getByRole("heading").allInnerTexts();

async function axeFindings(page: Page): Promise<string[]> {
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations
    .filter((v) => v.impact === "critical" || v.impact === "serious")
    .map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("search from the home page: suggestions as you type, marked matches, keyboard choice opens the listing", async ({ page }) => {
  await page.goto("/marketplace");
  await expect(page.getByRole("heading", { level: 1, name: "Marketplace" })).toBeVisible();
  const box = page.getByRole("combobox", { name: "Search the marketplace" });
  await box.click();
  await box.pressSequentially("clai", { delay: 40 });

  const listbox = page.getByRole("listbox", { name: "Suggestions" });
  await expect(listbox).toBeVisible();
  await expect(box).toHaveAttribute("aria-expanded", "true");
  const target = listbox.getByRole("option", { name: /Acme Claims Sync/ });
  await expect(target).toBeVisible();
  // The typed prefix is marked in the names it matched.
  await expect(target.locator("mark").first()).toHaveText(/^clai/i);
  await expect(listbox.getByRole("option", { name: /See all results for “clai”/ })).toBeVisible();

  // Escape closes the list and keeps the text; typing opens it again.
  await box.press("Escape");
  await expect(listbox).toBeHidden();
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(box).toHaveValue("clai");
  await box.press("ArrowDown");
  await expect(listbox).toBeVisible();

  // Arrow down to Acme Claims Sync: the input points at the highlighted option.
  const options = listbox.getByRole("option");
  const count = await options.count();
  let found = false;
  for (let i = 0; i < count; i++) {
    const active = await box.getAttribute("aria-activedescendant");
    const selected = listbox.locator(`[id="${active}"]`);
    await expect(selected).toHaveAttribute("aria-selected", "true");
    if (/Acme Claims Sync/.test(await selected.innerText())) {
      found = true;
      break;
    }
    await box.press("ArrowDown");
  }
  expect(found).toBe(true);
  await box.press("Enter");
  await expect(page).toHaveURL(/\/marketplace\/apps\/acme-claims-sync\?ref=search$/);
});

test("Enter with nothing highlighted runs the search; a misspelt query shows what was searched instead", async ({ page }) => {
  await page.goto("/marketplace");
  const box = page.getByRole("combobox", { name: "Search the marketplace" });
  await box.fill("subrogaton");
  // The suggestions already say it.
  await expect(page.getByText("Showing results for subrogation", { exact: true })).toBeVisible();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/marketplace\/search\?q=subrogaton$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “subrogaton”");
  await expect(page.getByRole("status").filter({ hasText: "Showing results for" })).toContainText("Showing results for subrogation");
  const names = await cardNames(page, "Search results");
  expect(names).toContain("Subrogation Tracker");
  // Result links say they came from search (counted as click-through on the listing).
  await expect(page.getByRole("link", { name: "Subrogation Tracker" })).toHaveAttribute("href", /\/marketplace\/apps\/subrogation-tracker\?ref=search$/);

  // A linked results page works on its own, and the matched words are marked.
  await page.goto("/marketplace/search?q=claims");
  await expect(page.getByRole("list", { name: "Search results" }).locator("mark").first()).toHaveText(/claims/i);
  await expect(page.getByRole("status").filter({ hasText: "Showing results for" })).toHaveCount(0);
});

test("a category from the home page lists only that category's apps; its filters live in the URL", async ({ page }) => {
  await page.goto("/marketplace");
  const categories = page.getByRole("region", { name: "Browse by category" });
  await categories.getByRole("link", { name: /Data enrichment/ }).click();
  await expect(page).toHaveURL(/\/marketplace\/categories\/data-enrichment$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data enrichment");
  await expect(page).toHaveTitle(/Data enrichment apps/);

  const expected = await apiListings(page, "category=data-enrichment");
  expect(expected.length).toBeGreaterThan(1);
  expect(expected.every((l) => l.category === "data-enrichment")).toBe(true);
  expect((await cardNames(page, "Data enrichment apps")).sort()).toEqual(expected.map((l) => l.name).sort());
  expect(await cardNames(page, "Data enrichment apps")).toContain("Kestrel Property Data");

  // Paid only: the URL says so, the list follows, and a reload keeps it.
  await page.getByLabel("Price").selectOption("paid");
  await expect(page).toHaveURL(/\/marketplace\/categories\/data-enrichment\?pricing=paid$/);
  const paid = expected.filter((l) => l.pricing.model === "paid").map((l) => l.name);
  await expect.poll(async () => (await cardNames(page, "Data enrichment apps")).sort()).toEqual(paid.sort());
  await page.reload();
  await expect(page.getByLabel("Price")).toHaveValue("paid");
  expect((await cardNames(page, "Data enrichment apps")).sort()).toEqual(paid.sort());

  // An unknown category is the marketplace's 404.
  const missing = await page.goto("/marketplace/categories/no-such-category");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Back to the marketplace" })).toBeVisible();
});

test("results page: category and sort in the URL, relevance only with a query, an empty result offers a way out", async ({ page }) => {
  await page.goto("/marketplace/search");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("All apps");
  // Without a query the default is trending and "Best match" is not offered.
  await expect(page.getByLabel("Sort by")).toHaveValue("trending");
  await expect(page.getByLabel("Sort by").locator("option", { hasText: "Best match" })).toHaveCount(0);

  await page.getByLabel("Category").selectOption("claims");
  await expect(page).toHaveURL(/\/marketplace\/search\?category=claims$/);
  await page.getByLabel("Sort by").selectOption("rating");
  await expect(page).toHaveURL(/\/marketplace\/search\?category=claims&sort=rating$/);
  const expected = await apiListings(page, "category=claims&sort=rating");
  await expect.poll(() => cardNames(page, "Apps")).toEqual(expected.map((l) => l.name));

  // Back undoes the sort.
  await page.goBack();
  await expect(page).toHaveURL(/\/marketplace\/search\?category=claims$/);
  await expect(page.getByLabel("Sort by")).toHaveValue("trending");

  // Nothing matches: say so, and offer to clear the filters (keeping the words) or browse categories.
  await page.goto("/marketplace/search?q=zzqqxx&pricing=paid&minRating=4.5");
  await expect(page.getByRole("heading", { name: "No apps match “zzqqxx”" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Browse categories" })).toHaveAttribute("href", "/marketplace#categories");
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/marketplace\/search\?q=zzqqxx$/);

  // A hand-made link with nonsense values reads as "not set", never as an error.
  const res = await page.goto("/marketplace/search?sort=relevance&category=nope&pricing=gratis&minRating=11");
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("All apps");
  await expect(page.getByLabel("Category")).toHaveValue("");
});

test("Load more appends the next page without repeats and moves focus to the first new app", async ({ page }) => {
  const all = await apiListings(page, "sort=installs");
  test.skip(all.length <= 24, "the demo data fits on one page");
  await page.goto("/marketplace/search?sort=installs");
  const list = "Apps";
  await expect.poll(async () => (await cardNames(page, list)).length).toBe(24);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect.poll(async () => (await cardNames(page, list)).length).toBe(Math.min(all.length, 48));
  const names = await cardNames(page, list);
  expect(new Set(names).size).toBe(names.length);
  expect(names).toEqual(all.slice(0, names.length).map((l) => l.name));
  await expect(page.getByRole("list", { name: list }).getByRole("link").nth(24)).toBeFocused();
});

test("home and results pages pass axe, also with the suggestions open", async ({ page }) => {
  await page.goto("/marketplace");
  expect(await axeFindings(page)).toEqual([]);
  const box = page.getByRole("combobox", { name: "Search the marketplace" });
  await box.fill("pay");
  await expect(page.getByRole("listbox", { name: "Suggestions" })).toBeVisible();
  await box.press("ArrowDown");
  expect(await axeFindings(page)).toEqual([]);

  await page.goto("/marketplace/search?q=claims");
  expect(await axeFindings(page)).toEqual([]);
  await page.goto("/marketplace/search?q=zzqqxx&pricing=paid");
  expect(await axeFindings(page)).toEqual([]);
  await page.goto("/marketplace/categories/claims");
  expect(await axeFindings(page)).toEqual([]);
});
