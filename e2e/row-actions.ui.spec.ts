import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { contextFor } from "./support/pages";
import { rowNames, seedPartnerRows } from "./support/seed-rows";

// The portal's tables at 1280 and 390 px: no table scrolls sideways, each row's
// actions sit in a "…" menu drawn above the page (never clipped), the detail
// sheets for a delivery and an event show names rather than ids, and a secret
// shown once is not lost to a stray Escape.

const VIEWPORTS = [
  { name: "1280", width: 1280, height: 860 },
  { name: "390", width: 390, height: 844 },
] as const;

const stamp = Date.now().toString(36);
const names = rowNames(stamp);

/** Tables (or the page) wider than their box: what toBeInViewport cannot see. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push(`page ${document.documentElement.scrollWidth} px wide`);
    for (const t of Array.from(document.querySelectorAll("table"))) {
      const box = t.parentElement!;
      if (box.scrollWidth > box.clientWidth + 1) out.push(`table "${t.getAttribute("aria-label")}" ${box.scrollWidth} px in ${box.clientWidth} px`);
    }
    return out;
  });
}

async function axe(page: Page, include: string) {
  const res = await new AxeBuilder({ page }).include(include).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Opens the row's "…" menu and checks every item is fully on screen. */
async function openRowMenu(page: Page, name: string) {
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  for (const item of await menu.getByRole("menuitem").all()) await expect(item).toBeInViewport({ ratio: 1 });
  return menu;
}

test.beforeAll(async ({ playwright, baseURL }) => {
  await seedPartnerRows(playwright, baseURL, names);
});

for (const vp of VIEWPORTS) {
  test(`partner tables fit and their actions open at ${vp.name} px`, async ({ browser }) => {
    test.setTimeout(120_000);
    const ctx = await contextFor(browser, "partner@portico.test", { viewport: { width: vp.width, height: vp.height } });
    const page = await ctx.newPage();
    const shot = (name: string) => page.screenshot({ path: `test-results/screens/rows-${vp.name}-${name}.png`, fullPage: true });

    for (const [path, row, items] of [
      ["/keys", names.key, ["Rotate…", "Revoke…"]],
      ["/oauth-clients", names.client, ["Copy client ID", "Edit redirect URIs…", "Rotate secret…", "Disable…", "Delete…"]],
      ["/webhooks", names.endpoint, ["Send test event", "Reveal secret", "Rotate secret…", "Disable…", "Delete…"]],
      ["/settings/contacts", names.contact, ["Edit…", "Delete…"]],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("button", { name: `Actions for ${row}` })).toBeVisible();
      expect(await sidewaysScroll(page), path).toEqual([]);
      await shot(path.slice(1).replace(/\//g, "-"));
      const menu = await openRowMenu(page, row);
      for (const item of items) await expect(menu.getByRole("menuitem", { name: item, exact: true })).toBeVisible();
      await shot(`${path.slice(1).replace(/\//g, "-")}-menu`);
      await page.keyboard.press("Escape");
      await expect(menu).toBeHidden();
      // Focus goes back to the trigger.
      await expect(page.getByRole("button", { name: `Actions for ${row}` })).toBeFocused();
    }

    // A destructive item asks, naming the thing, with a red confirm.
    await page.goto("/oauth-clients");
    await openRowMenu(page, names.client);
    await page.getByRole("menuitem", { name: "Disable…" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Disable “${names.client}”?` });
    await expect(confirm.getByRole("button", { name: "Disable client" })).toHaveClass(/bg-red-600/);
    await shot("oauth-clients-disable-confirm");
    await page.keyboard.press("Escape");
    await expect(confirm).toBeHidden();
    await expect(page.getByRole("button", { name: `Actions for ${names.client}` })).toBeFocused();

    // The delivery log and one failed delivery in its sheet.
    await page.goto("/webhooks");
    await page.getByRole("group", { name: "Webhooks section" }).getByRole("button", { name: "Delivery log" }).click();
    const delivery = page.locator("tr[data-testid^=delivery-row-]", { hasText: names.endpoint }).first();
    await expect(delivery).toBeVisible();
    expect(await sidewaysScroll(page)).toEqual([]);
    await shot("webhooks-log");
    await delivery.getByRole("button").filter({ hasText: "." }).first().click();
    const sheet = page.getByRole("dialog", { name: "Delivery details" });
    await expect(sheet.getByText("Attempt 1")).toBeVisible({ timeout: 20_000 });
    await expect(sheet.getByText(names.endpoint).first()).toBeVisible();
    await expect(sheet.getByRole("button", { name: /Retry now|Resend/ })).toBeVisible();
    expect(await axe(page, "[role=dialog]")).toEqual([]);
    await shot("delivery-sheet");
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();

    await page.goto("/usage");
    await shot("usage");
    await page.goto("/dashboard");
    await shot("dashboard");
    await page.goto("/settings/agreements");
    await shot("agreements");
    await ctx.close();
  });

  test(`admin partners and the event sheet at ${vp.name} px`, async ({ browser }) => {
    const ctx = await contextFor(browser, "admin@portico.test", { viewport: { width: vp.width, height: vp.height } });
    const page = await ctx.newPage();
    const shot = (name: string) => page.screenshot({ path: `test-results/screens/rows-${vp.name}-${name}.png`, fullPage: true });

    await page.goto("/admin/partners");
    await expect(page.getByRole("button", { name: "Actions for Acme Insurtech" })).toBeVisible();
    expect(await sidewaysScroll(page)).toEqual([]);
    await shot("admin-partners");
    const menu = await openRowMenu(page, "Acme Insurtech");
    await expect(menu.getByRole("menuitem", { name: "Suspend…" })).toBeVisible();
    await page.keyboard.press("Escape");

    await page.goto("/admin/events");
    const row = page.locator("tr[data-testid^=event-row-]", { hasText: "Acme Insurtech" }).first();
    await expect(row).toBeVisible();
    expect(await sidewaysScroll(page)).toEqual([]);
    await shot("admin-events");
    await row.getByRole("button").first().click();
    const sheet = page.getByRole("dialog", { name: "Event details" });
    await expect(sheet.getByTestId("event-detail")).toBeVisible();
    // Names, not UUIDs: the target partner, and each delivery's partner and endpoint.
    await expect(sheet.getByText("Acme Insurtech").first()).toBeVisible();
    await expect(sheet.getByRole("table", { name: "Deliveries" })).toContainText(names.endpoint);
    await expect(sheet.getByText("Payload")).toBeVisible();
    expect(await axe(page, "[role=dialog]")).toEqual([]);
    await shot("event-sheet");
    await ctx.close();
  });
}

test("a new client's secret is not lost to Escape", async ({ browser }) => {
  const ctx = await contextFor(browser, "partner@portico.test", { viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await page.goto("/oauth-clients");
  await page.getByRole("button", { name: "Create OAuth client" }).first().click();
  const create = page.getByRole("dialog", { name: "Create OAuth client" });
  await create.getByLabel("Name").fill(`Guarded ${stamp}`);
  await create.getByRole("textbox", { name: "Redirect URI 1" }).fill("https://example.test/cb");
  await create.getByRole("button", { name: "Read only" }).click();
  await page.screenshot({ path: "test-results/screens/rows-390-create-client.png", fullPage: true });
  await create.getByRole("button", { name: "Create client" }).click();
  const created = page.getByRole("dialog", { name: "OAuth client created" });
  await expect(created.getByTestId("revealed-client-secret")).toBeVisible();

  await page.keyboard.press("Escape");
  const guard = page.getByRole("alertdialog", { name: "You won't see this secret again — close anyway?" });
  await expect(guard).toBeVisible();
  await page.screenshot({ path: "test-results/screens/rows-390-secret-guard.png", fullPage: true });
  await guard.getByRole("button", { name: "Keep it open" }).click();
  await expect(created).toBeVisible();
  await page.keyboard.press("Escape");
  await guard.getByRole("button", { name: "Close anyway" }).click();
  await expect(created).toBeHidden();
  await ctx.close();
});
