import { expect, test, type Page } from "@playwright/test";
import { contextFor } from "./support/pages";
import { rowNames, seedPartnerRows } from "./support/seed-rows";

// Tabs, filters, ranges and open detail sheets live in the URL: a view can be
// linked, survives reload, and Back goes back. Each case sets the view through
// the UI, checks the URL, reloads (or opens the link fresh) and checks the view.

test.beforeAll(async ({ playwright, baseURL }) => {
  // Rows to filter and an event to open.
  await seedPartnerRows(playwright, baseURL, rowNames());
});

const pressed = (page: Page, group: string, name: string) =>
  expect(page.getByRole("group", { name: group }).getByRole("button", { name, exact: true })).toHaveAttribute("aria-pressed", "true");

test("webhooks: the tab and the delivery-log filters are in the URL; Back returns to the previous tab", async ({ browser }) => {
  const ctx = await contextFor(browser, "partner@portico.test");
  const page = await ctx.newPage();
  await page.goto("/webhooks");
  await pressed(page, "Webhooks section", "Endpoints");

  await page.getByRole("group", { name: "Webhooks section" }).getByRole("button", { name: "Delivery log" }).click();
  await expect(page).toHaveURL(/[?&]tab=log/);
  await page.getByLabel("Filter by status").selectOption("failed");
  await page.getByRole("group", { name: "Time range" }).getByRole("button", { name: "7 d" }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page).toHaveURL(/range=7d/);

  await page.reload();
  await pressed(page, "Webhooks section", "Delivery log");
  await expect(page.getByLabel("Filter by status")).toHaveValue("failed");
  await pressed(page, "Time range", "7 d");

  // A link made by hand: unknown values read as "no filter", never as an error.
  await page.goto("/webhooks?tab=log&status=nonsense&endpoint=not-an-id&range=9y");
  await pressed(page, "Webhooks section", "Delivery log");
  await expect(page.getByLabel("Filter by status")).toHaveValue("");
  await expect(page.getByLabel("Filter by endpoint")).toHaveValue("");
  await pressed(page, "Time range", "24 h");
  await expect(page.locator("tr[data-testid^=delivery-row-]").first()).toBeVisible();

  // Tabs push history: Back returns to the tab before.
  await page.goto("/webhooks");
  await page.getByRole("group", { name: "Webhooks section" }).getByRole("button", { name: "Verify signatures" }).click();
  await expect(page).toHaveURL(/tab=verify/);
  await page.goBack();
  await pressed(page, "Webhooks section", "Endpoints");
  await ctx.close();
});

test("keys: the status filter is in the URL", async ({ browser }) => {
  const ctx = await contextFor(browser, "partner@portico.test");
  const page = await ctx.newPage();
  await page.goto("/keys");
  await page.getByLabel("Filter by status").selectOption("revoked");
  await expect(page).toHaveURL(/status=revoked/);
  await page.reload();
  await expect(page.getByLabel("Filter by status")).toHaveValue("revoked");
  await page.getByLabel("Filter by status").selectOption("");
  await expect(page).not.toHaveURL(/status=/);
  await ctx.close();
});

test("usage: the date range is in the URL", async ({ browser }) => {
  const ctx = await contextFor(browser, "partner@portico.test");
  const page = await ctx.newPage();
  await page.goto("/usage");
  await pressed(page, "Date range", "30 days");
  await page.getByRole("group", { name: "Date range" }).getByRole("button", { name: "7 days" }).click();
  await expect(page).toHaveURL(/range=7\b/);
  await page.reload();
  await pressed(page, "Date range", "7 days");
  await ctx.close();
});

test("admin: the partner search and status, the event filter and the open event are in the URL", async ({ browser }) => {
  const ctx = await contextFor(browser, "admin@portico.test");
  const page = await ctx.newPage();
  await page.goto("/admin/partners");
  await page.getByLabel("Search partners").fill("acme");
  await page.getByLabel("Filter by status").selectOption("active");
  await expect(page).toHaveURL(/q=acme/);
  await expect(page).toHaveURL(/status=active/);
  await page.reload();
  await expect(page.getByLabel("Search partners")).toHaveValue("acme");
  await expect(page.getByLabel("Filter by status")).toHaveValue("active");

  await page.goto("/admin/events");
  const firstRow = page.locator('[data-testid^="event-row-"]').first();
  await expect(firstRow).toBeVisible();
  const eventId = (await firstRow.getAttribute("data-testid"))!.replace("event-row-", "");
  await firstRow.click();
  await expect(page).toHaveURL(new RegExp(`event=${eventId}`));
  await expect(page.getByRole("dialog")).toBeVisible();

  // The link opens the same sheet in a new tab; Back (or Escape) closes it.
  const linked = await ctx.newPage();
  await linked.goto(page.url());
  await expect(linked.getByRole("dialog")).toBeVisible();
  await expect(linked.getByRole("dialog")).toContainText(eventId.slice(0, 8));
  await linked.close();
  await page.goBack();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  await page.getByLabel("Filter by event type").fill("lead.*");
  await expect(page).toHaveURL(/type=lead\.\*|type=lead\.%2A/);
  await page.reload();
  await expect(page.getByLabel("Filter by event type")).toHaveValue("lead.*");
  await ctx.close();
});
