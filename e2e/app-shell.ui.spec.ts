import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signInOverHttp } from "./support/auth";

// The app shell (issue 13): navigation on phones and desktops, breadcrumbs, dark mode,
// pages that are not the viewer's, 404s inside the shell, toasts after mutations.

const PARTNER_NAV = ["Dashboard", "Apps", "API keys", "OAuth clients", "Webhooks", "Listings", "Installs", "Usage", "Invoices", "Support", "Settings"];

async function expectNoSideScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, "page scrolls sideways").toBeLessThanOrEqual(client);
}

test("on a phone the Menu opens every partner page in a sheet, and nothing scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInOverHttp(page.request, "partner@portico.test");
  await page.goto("/dashboard");
  await expect(page.getByTestId("sidebar")).toBeHidden();
  await expectNoSideScroll(page);

  await page.getByRole("button", { name: "Menu" }).click();
  const sheet = page.getByRole("dialog", { name: "Partner portal" });
  const nav = sheet.getByRole("navigation", { name: "Partner portal" });
  for (const name of PARTNER_NAV) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await nav.getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(sheet).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toHaveText(/Partner portal.*Webhooks/);
  await expectNoSideScroll(page);

  // Keyboard: the sheet opens from the keyboard and Escape gives focus back to Menu.
  await page.getByRole("button", { name: "Menu" }).focus();
  await page.keyboard.press("Enter");
  await expect(sheet).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(page.getByRole("button", { name: "Menu" })).toBeFocused();
});

test("on a desktop the sidebar marks the page, collapses to icons and stays collapsed", async ({ page }) => {
  await signInOverHttp(page.request, "partner@portico.test");
  await page.goto("/settings/contacts");
  const sidebar = page.getByTestId("sidebar");
  const nav = sidebar.getByRole("navigation", { name: "Partner portal" });
  for (const name of PARTNER_NAV) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Settings" })).toHaveAttribute("href", "/settings");
  await expect(crumbs.getByText("Contacts")).toHaveAttribute("aria-current", "page");

  await page.getByRole("button", { name: "Collapse sidebar" }).click();
  await expect(sidebar).toHaveAttribute("data-collapsed", "true");
  await page.reload();
  await expect(sidebar).toHaveAttribute("data-collapsed", "true");
  // Icons only, names kept.
  await expect(nav.getByRole("link", { name: "API keys", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Expand sidebar" }).click();
  await expect(sidebar).not.toHaveAttribute("data-collapsed", "true");
});

test("dark mode: chosen in the header, kept across pages before first paint; System follows the OS", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signInOverHttp(page.request, "partner@portico.test");
  await page.goto("/dashboard");
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/\bdark\b/);

  await page.getByRole("button", { name: /^Theme/ }).click();
  await page.getByRole("menuitemradio", { name: "Dark" }).click();
  await expect(html).toHaveClass(/\bdark\b/);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();

  await page.goto("/keys");
  await expect(html).toHaveClass(/\bdark\b/);
  expect(await background()).toBe(dark);
  await expect(page.getByRole("button", { name: "Theme: Dark" })).toBeVisible();

  await page.getByRole("button", { name: "Theme: Dark" }).click();
  await page.getByRole("menuitemradio", { name: "System" }).click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveClass(/\bdark\b/);
});

for (const scheme of ["light", "dark"] as const) {
  test(`the shell passes axe (WCAG A/AA, contrast included) in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await signInOverHttp(page.request, "partner@portico.test");
    for (const path of ["/dashboard", "/settings/contacts"]) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
      const results = await new AxeBuilder({ page })
        .include("header")
        .include("[data-testid=sidebar]")
        .include("nav[aria-label=Breadcrumb]")
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), `${scheme} ${path}`).toEqual([]);
    }
  });
}

test("a customer opening a partner page is told so inside their own shell, with the way back", async ({ page }) => {
  await signInOverHttp(page.request, "customer@portico.test");
  const res = await page.goto("/keys");
  expect(page.url()).toMatch(/\/keys$/);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "This page is for partners — you are signed in as a customer" })).toBeVisible();
  await expect(page.getByTestId("sidebar").getByRole("navigation", { name: "Marketplace" })).toBeVisible();
  await page.getByRole("link", { name: "Back to Marketplace" }).click();
  await expect(page).toHaveURL(/\/marketplace$/);
});

test("a partner opening the admin area reads Admins only", async ({ page }) => {
  await signInOverHttp(page.request, "partner@portico.test");
  await page.goto("/admin/partners");
  expect(page.url()).toMatch(/\/admin\/partners$/);
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to Partner portal" })).toHaveAttribute("href", "/dashboard");
});

test("a partner opening a customer page reads that it is for customers, in the partner shell", async ({ page }) => {
  await signInOverHttp(page.request, "partner@portico.test");
  await page.goto("/installed");
  await expect(page.getByRole("heading", { name: "This page is for customers — you are signed in as a partner" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to Partner portal" })).toHaveAttribute("href", "/dashboard");
  // A customer sees the page itself.
  await page.context().clearCookies();
  await signInOverHttp(page.request, "customer@portico.test");
  await page.goto("/installed");
  await expect(page.getByRole("heading", { name: "Installed apps", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /This page is for customers/ })).toHaveCount(0);
});

test("signed out, an area page sends you to sign in and back to it", async ({ page }) => {
  await page.goto("/webhooks?tab=deliveries");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fwebhooks%3Ftab%3Ddeliveries$/);
  await page.getByLabel("Email").fill("partner@portico.test");
  await page.getByLabel("Password").fill("portico-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/webhooks\?tab=deliveries$/);
});

test("an unknown partner id and an unknown URL are 404s inside the shell, with a way back", async ({ page }) => {
  await signInOverHttp(page.request, "admin@portico.test");
  for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
    const res = await page.goto(`/admin/partners/${id}`);
    expect(res?.status(), id).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(page.getByText("Something went wrong")).toHaveCount(0);
    await expect(page.getByTestId("sidebar").getByRole("navigation", { name: "Platform admin" })).toBeVisible();
  }
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("banner")).toHaveCount(1);
  await page.getByRole("link", { name: "Back to Platform admin" }).click();
  await expect(page).toHaveURL(/\/admin\/partners$/);
});

test("signed out, an unknown URL is a 404 under the simple header", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page).toHaveTitle("Page not found · Portico");
});

test("pages have their own titles", async ({ page }) => {
  await signInOverHttp(page.request, "partner@portico.test");
  for (const [path, title] of [
    ["/dashboard", "Dashboard · Portico"],
    ["/keys", "API keys · Portico"],
    ["/settings/contacts", "Contacts · Portico"],
  ]) {
    await page.goto(path);
    await expect(page).toHaveTitle(title);
  }
});

test("a saved change is confirmed in a toast", async ({ page }) => {
  await signInOverHttp(page.request, "partner@portico.test");
  await page.goto("/settings");
  await page.getByRole("button", { name: "Save profile" }).click();
  // Every useMutation goes through the toasting MutationCache (components/feedback/mutation-toasts.ts).
  await expect(page.getByRole("region", { name: /^Notifications/ }).getByText("Profile saved")).toBeVisible();
});
