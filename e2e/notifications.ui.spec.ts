import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { contextFor } from "./support/pages";

// Notifications in the browser. The demo partner (Acme) is told about two of its apps being
// rejected in review (apps made for the test, so the demo's own apps stay as other specs expect):
// the bell counts them, the Notifications page lists them, marking read clears the count. The
// partner turns off the mail of one kind and the choice survives a reload. The admin finds the
// rejection's mail in the outbox (the e2e server has no SMTP_URL, so mail stays there) and reads
// its HTML in the sandboxed frame and its text.

const PARTNER = "partner@portico.test";
const ADMIN = "admin@portico.test";
const SHOTS = "test-results/screens";
const stamp = Date.now().toString(36);

type Api = APIRequestContext;
type Inbox = { data: { id: string; kind: string; title: string; link?: string | null; readAt: string | null }[]; unread: number };
type Preference = { kind: string; label: string; mail: boolean; defaultMail: boolean };

async function signedIn(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, email: string): Promise<Api> {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(api, email);
  return api;
}

async function ok<T>(res: Awaited<ReturnType<Api["get"]>>, what: string): Promise<T> {
  expect(res.ok(), `${what}: ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

/** A new app of Acme's, submitted and then rejected by the admin: the partner's members are told. */
async function rejectedApp(partner: Api, admin: Api, name: string): Promise<{ id: string; title: string }> {
  const host = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.example.com`;
  const app = await ok<{ id: string }>(
    await partner.post("/api/v1/applications", {
      data: {
        name,
        description: "Reads the agency's policies and writes claim notes back, so adjusters see one history instead of two.",
        websiteUrl: `https://${host}`,
        logoUrl: `https://${host}/logo.png`,
        privacyPolicyUrl: `https://${host}/privacy`,
        supportEmail: `support@${host}`,
        redirectUris: [`https://${host}/oauth/callback`],
        requestedScopes: ["read:policies"],
      },
    }),
    "create",
  );
  await ok(await partner.post(`/api/v1/applications/${app.id}/submit`, { data: {} }), "submit");
  await ok(await admin.post(`/api/v1/applications/${app.id}/reject`, { data: { reason: "The privacy policy does not say how long claims data is kept." } }), "reject");
  return { id: app.id, title: `${name} 1.0.0 needs changes` };
}

async function seriousAxe(page: Page) {
  // Let enter animations (toasts, the popover) finish: axe reads colours mid-fade otherwise.
  await page.waitForTimeout(400);
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

async function sideways(page: Page) {
  return page.evaluate(() => (document.documentElement.scrollWidth > window.innerWidth + 1 ? `${document.documentElement.scrollWidth} px wide in ${window.innerWidth} px` : null));
}

/** A full-page screenshot at 1280 and at 390 px, each checked for a page wider than the window. */
async function shots(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/notifications-${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await sideways(page)).toBeNull();
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/notifications-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 860 });
}

let apps: { id: string; title: string }[];
let titles: string[];

test.beforeAll(async ({ playwright, baseURL }) => {
  mkdirSync(SHOTS, { recursive: true });
  const partner = await signedIn(playwright, baseURL, PARTNER);
  const admin = await signedIn(playwright, baseURL, ADMIN);
  // Start from an empty unread count, so the bell's number is this spec's own.
  await ok(await partner.post("/api/v1/me/notifications/read", { data: {} }), "mark all read");
  apps = [await rejectedApp(partner, admin, `Notify One ${stamp}`), await rejectedApp(partner, admin, `Notify Two ${stamp}`)];
  titles = apps.map((a) => a.title);
  await partner.dispose();
  await admin.dispose();
});

test("the partner sees the count on the bell, reads its notifications and marks them read", async ({ browser, playwright, baseURL }) => {
  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto("/dashboard");
  const bell = page.getByRole("button", { name: "Notifications, 2 unread" });
  await expect(bell).toBeVisible();
  await bell.click();
  const popover = page.getByRole("dialog");
  await expect(popover.getByText(titles[1])).toBeVisible();
  await expect(popover.getByText(titles[0])).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/notifications-bell-1280.png` });
  await popover.getByRole("link", { name: "See all" }).click();
  await expect(page).toHaveURL(/\/notifications$/);

  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  const list = page.getByRole("list", { name: "Notifications" });
  // Newest first, each with its kind.
  await expect(list.getByRole("listitem").first()).toContainText(titles[1]);
  await expect(list.getByRole("listitem").nth(1)).toContainText(titles[0]);
  await expect(list.getByRole("listitem").first()).toContainText("Apps · App rejected");
  await expect(list.getByRole("listitem").first()).toContainText("does not say how long claims data is kept");
  expect(await seriousAxe(page)).toEqual([]);
  await shots(page, "list");

  // Unread only, in the URL.
  await page.getByRole("group", { name: "Show" }).getByRole("button", { name: "Unread" }).click();
  await expect(page).toHaveURL(/[?&]filter=unread/);
  const unreadList = page.getByRole("list", { name: "Unread notifications" });
  await expect(unreadList.getByRole("listitem")).toHaveCount(2);

  // One marked read: it leaves the unread view, and the bell counts one.
  await unreadList.getByRole("button", { name: `Mark read: ${titles[1]}` }).click();
  await expect(unreadList.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();

  // The other is opened: it leads to the app's page, and opening it marks it read.
  await unreadList.getByRole("link", { name: titles[0] }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${apps[0].id}$`));
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
  const partner = await signedIn(playwright, baseURL, PARTNER);
  await expect.poll(async () => (await ok<Inbox>(await partner.get("/api/v1/me/notifications?limit=20"), "inbox")).unread).toBe(0);

  // More come in: "Mark all read" clears them at once.
  const admin = await signedIn(playwright, baseURL, ADMIN);
  await rejectedApp(partner, admin, `Notify Three ${stamp}`);
  await admin.dispose();
  await page.goto("/notifications");
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(page.getByRole("button", { name: "Mark all read" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();

  // A reload keeps the view (the filter is in the URL) and says there is nothing left unread.
  await page.goto("/notifications?filter=unread");
  await expect(page.getByRole("heading", { name: "No unread notifications" })).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await shots(page, "empty-unread");
  await partner.dispose();
  await ctx.close();
});

test("the partner turns off the mail of one kind, and the choice survives a reload", async ({ browser, playwright, baseURL }) => {
  const partner = await signedIn(playwright, baseURL, PARTNER);
  const before = await ok<{ data: Preference[] }>(await partner.get("/api/v1/me/notification-preferences"), "preferences");
  const kind = before.data.find((p) => p.kind === "listing.delisted")!;
  expect(kind.mail).toBe(true);

  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto("/notifications");
  await page.getByRole("link", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { name: "Notification settings", level: 1 })).toBeVisible();
  await expect(page.getByText("that cannot be turned off")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Marketplace" })).toBeVisible();
  const toggle = page.getByRole("switch", { name: `Email ${kind.label}` });
  await expect(toggle).toBeChecked();
  const save = page.getByRole("button", { name: "Save" });
  await expect(save).toBeDisabled();
  expect(await seriousAxe(page)).toEqual([]);
  await toggle.uncheck();
  await expect(page.getByText("You have unsaved changes.")).toBeVisible();
  await save.click();
  await expect(page.getByRole("region", { name: /^Notifications/ }).getByText("Notification settings saved")).toBeVisible();
  await expect(save).toBeDisabled();
  await shots(page, "settings");

  await page.reload();
  await expect(page.getByRole("switch", { name: `Email ${kind.label}` })).not.toBeChecked();
  const after = await ok<{ data: Preference[] }>(await partner.get("/api/v1/me/notification-preferences"), "preferences");
  expect(after.data.find((p) => p.kind === kind.kind)!.mail).toBe(false);
  // The other kinds kept theirs.
  expect(after.data.filter((p) => p.kind !== kind.kind).map((p) => [p.kind, p.mail])).toEqual(before.data.filter((p) => p.kind !== kind.kind).map((p) => [p.kind, p.mail]));

  // Back to the default, through the page, for the specs after this one.
  await page.getByRole("switch", { name: `Email ${kind.label}` }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect.poll(async () => (await ok<{ data: Preference[] }>(await partner.get("/api/v1/me/notification-preferences"), "preferences")).data.find((p) => p.kind === kind.kind)!.mail).toBe(true);
  await partner.dispose();
  await ctx.close();
});

test("the admin finds the rejection's mail in the outbox and reads its HTML in a sandboxed frame", async ({ browser }) => {
  const ctx = await contextFor(browser, ADMIN);
  const page = await ctx.newPage();
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  await expect(page.getByTestId("smtp-banner")).toContainText("SMTP is not configured: mail is kept here instead of being sent (set SMTP_URL)");
  const table = page.getByRole("table", { name: "Mail messages" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);

  // Search and status in the URL. Every member of Acme got the mail: the demo partner's is one row.
  await page.getByRole("searchbox", { name: "Search mail" }).fill(titles[0]);
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByLabel("Filter by status").selectOption("outbox");
  await expect(page).toHaveURL(/[?&]status=outbox/);
  const rows = table.getByRole("row").filter({ hasText: titles[0] });
  await expect(rows.first()).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: titles[1] })).toHaveCount(0);
  const row = rows.filter({ hasText: PARTNER });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("outbox");
  await shots(page, "outbox");

  await row.getByRole("link", { name: titles[0] }).click();
  await expect(page.getByRole("heading", { name: titles[0], level: 1 })).toBeVisible();
  const headers = page.locator("section").filter({ has: page.getByRole("heading", { name: "Headers" }) });
  await expect(headers).toContainText(PARTNER);
  await expect(headers).toContainText("application.rejected");
  // The text first.
  await expect(page.getByTestId("mail-text")).toContainText(titles[0]);
  await expect(page.getByTestId("mail-text")).toContainText("does not say how long claims data is kept");
  await expect(page.getByTestId("mail-html")).toHaveCount(0);
  expect(await seriousAxe(page)).toEqual([]);
  await shots(page, "message-text");

  // The HTML in a frame with every sandbox flag off: no scripts, no same-origin access, no forms or
  // popups. (No axe run from here: axe-core waits forever on a frame whose scripts are off.)
  await page.getByRole("tab", { name: "HTML" }).click();
  await expect(page).toHaveURL(/[?&]body=html/);
  const frame = page.getByTestId("mail-html");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator('[data-testid="mail-html"]').getByRole("heading", { name: titles[0] })).toBeVisible();
  await expect(page.frameLocator('[data-testid="mail-html"]').getByRole("link", { name: "Open in Portico" })).toHaveAttribute("href", new RegExp(`/apps/${apps[0].id}$`));
  await page.screenshot({ path: `${SHOTS}/notifications-message-html-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await sideways(page)).toBeNull();
  // The frame lays its document out again at the new width before it is drawn.
  await expect(page.frameLocator('[data-testid="mail-html"]').getByRole("heading", { name: titles[0] })).toBeVisible();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/notifications-message-html-390.png`, fullPage: true });
  await ctx.close();
});

test("the outbox is for admins: the partner is told so", async ({ browser }) => {
  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto("/admin/outbox");
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Mail messages" })).toHaveCount(0);
  await ctx.close();
});
