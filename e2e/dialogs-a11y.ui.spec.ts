import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { concrete, contextFor, demoIds, type User } from "./support/pages";
import { rowNames, seedPartnerRows } from "./support/seed-rows";

// Every dialog, sheet and menu the portal opens, in light and dark mode: axe
// (WCAG A/AA, contrast included) over what is open, 0 critical and 0 serious.
// The page-level walk (layout-a11y) cannot see these: they exist only once opened.

const names = rowNames();
let ids: Record<string, string>;

test.beforeAll(async ({ playwright, baseURL }) => {
  await seedPartnerRows(playwright, baseURL, names);
  ids = await demoIds(playwright, baseURL);
});

type Case = { name: string; user: User; path: string; width?: number; open: (page: Page) => Promise<void> };

const click = (name: string, role: "button" | "menuitem" = "button") => async (page: Page) => {
  await page.getByRole(role, { name, exact: true }).first().click();
};
const rowMenu = (row: string, item?: string) => async (page: Page) => {
  await page.getByRole("button", { name: `Actions for ${row}` }).click();
  if (item) await page.getByRole("menuitem", { name: item, exact: true }).click();
};

const cases: Case[] = [
  { name: "account menu", user: "partner@portico.test", path: "/dashboard", open: async (p) => p.getByRole("button", { name: /^Account: / }).click() },
  { name: "theme menu", user: "partner@portico.test", path: "/dashboard", open: async (p) => p.getByRole("button", { name: /^Theme: / }).click() },
  { name: "phone menu sheet", user: "partner@portico.test", path: "/dashboard", width: 390, open: click("Menu") },
  { name: "create key", user: "partner@portico.test", path: "/keys", open: click("Create API key") },
  {
    name: "created key and its close guard",
    user: "partner@portico.test",
    path: "/keys",
    open: async (p) => {
      await p.getByRole("button", { name: "Create API key", exact: true }).first().click();
      const dialog = p.getByRole("dialog", { name: "Create API key" });
      await dialog.getByLabel("Name").fill(`A11y key ${Date.now()}`);
      await dialog.getByRole("button", { name: "Read only" }).click();
      await dialog.getByRole("button", { name: "Create key" }).click();
      await expect(p.getByRole("dialog", { name: "API key created" })).toBeVisible();
      await p.keyboard.press("Escape");
      await expect(p.getByRole("alertdialog")).toBeVisible();
    },
  },
  { name: "key row menu", user: "partner@portico.test", path: "/keys", open: rowMenu(names.key) },
  { name: "rotate key", user: "partner@portico.test", path: "/keys", open: rowMenu(names.key, "Rotate…") },
  { name: "revoke key", user: "partner@portico.test", path: "/keys", open: rowMenu(names.key, "Revoke…") },
  { name: "create OAuth client", user: "partner@portico.test", path: "/oauth-clients", open: click("Create OAuth client") },
  { name: "edit redirect URIs", user: "partner@portico.test", path: "/oauth-clients", open: rowMenu(names.client, "Edit redirect URIs…") },
  { name: "rotate client secret", user: "partner@portico.test", path: "/oauth-clients", open: rowMenu(names.client, "Rotate secret…") },
  { name: "delete client", user: "partner@portico.test", path: "/oauth-clients", open: rowMenu(names.client, "Delete…") },
  { name: "add endpoint", user: "partner@portico.test", path: "/webhooks", open: click("Add endpoint") },
  { name: "reveal endpoint secret", user: "partner@portico.test", path: "/webhooks", open: rowMenu(names.endpoint, "Reveal secret") },
  { name: "disable endpoint", user: "partner@portico.test", path: "/webhooks", open: rowMenu(names.endpoint, "Disable…") },
  {
    name: "delivery sheet",
    user: "partner@portico.test",
    path: "/webhooks?tab=log&range=7d",
    open: async (p) => {
      await p.locator("tr[data-testid^=delivery-row-]", { hasText: names.endpoint }).first().getByRole("button").first().click();
      await expect(p.getByRole("dialog").getByText("Attempt 1")).toBeVisible({ timeout: 20_000 });
    },
  },
  { name: "add contact", user: "partner@portico.test", path: "/settings/contacts", open: click("Add contact") },
  { name: "edit contact", user: "partner@portico.test", path: "/settings/contacts", open: rowMenu(names.contact, "Edit…") },
  { name: "admin partner menu", user: "admin@portico.test", path: "/admin/partners", open: rowMenu("Acme Insurtech") },
  { name: "suspend partner", user: "admin@portico.test", path: "/admin/partners", open: rowMenu("Acme Insurtech", "Suspend…") },
  { name: "issue agreement", user: "admin@portico.test", path: "/admin/partners/[id]", open: click("Issue agreement") },
  {
    name: "event sheet",
    user: "admin@portico.test",
    path: "/admin/events",
    open: async (p) => {
      await p.locator("tr[data-testid^=event-row-]").first().getByRole("button").first().click();
      await expect(p.getByTestId("event-detail")).toBeVisible();
    },
  },
  { name: "deprecate app", user: "partner@portico.test", path: "/apps/[id]", open: click("Deprecate…") },
  { name: "rotate app client secret", user: "partner@portico.test", path: "/apps/[id]?tab=credentials", open: click("Rotate secret") },
  { name: "rotate app signing secret", user: "partner@portico.test", path: "/apps/[id]?tab=credentials", open: click("Rotate") },
  { name: "notifications", user: "partner@portico.test", path: "/dashboard", open: async (p) => p.getByRole("button", { name: /^Notifications/ }).click() },
  { name: "reject app", user: "admin@portico.test", path: "/admin/reviews/[id]", open: click("Reject…") },
  { name: "customer account menu", user: "customer@portico.test", path: "/marketplace", open: async (p) => p.getByRole("button", { name: /^Account: / }).click() },
];

for (const scheme of ["light", "dark"] as const) {
  test(`every dialog, sheet and menu passes axe in ${scheme} mode`, async ({ browser }) => {
    test.setTimeout(300_000);
    const findings: string[] = [];
    for (const c of cases) {
      const ctx = await contextFor(browser, c.user, { colorScheme: scheme, viewport: { width: c.width ?? 1280, height: 860 } });
      const page = await ctx.newPage();
      await page.goto(concrete(c.path.split("?")[0], ids) + (c.path.includes("?") ? `?${c.path.split("?")[1]}` : ""));
      await page.locator('[role="status"]:has-text("Loading")').first().waitFor({ state: "detached", timeout: 5_000 }).catch(() => {});
      await c.open(page);
      const open = page.locator("[role=dialog], [role=alertdialog], [role=menu]");
      await expect(open.first(), c.name).toBeVisible();
      // Let enter animations finish: axe reads colours mid-fade otherwise.
      await page.waitForTimeout(400);
      const res = await new AxeBuilder({ page })
        .include("[role=dialog]")
        .include("[role=alertdialog]")
        .include("[role=menu]")
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      for (const v of res.violations.filter((v) => v.impact === "critical" || v.impact === "serious")) {
        findings.push(`${c.name}: ${v.id}: ${v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.failureSummary?.split("\n")[1]?.trim() ?? ""}`).join(" | ")}`);
      }
      await page.screenshot({ path: `test-results/screens/dialog-${scheme}-${c.name.replace(/\W+/g, "-")}.png` });
      await ctx.close();
    }
    expect(findings).toEqual([]);
  });
}
