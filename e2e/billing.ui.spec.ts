import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { contextFor } from "./support/pages";

// Billing in the browser. The demo partner (Acme, on `hybrid`) reads its invoices (the seed ran
// the last two month ends), opens one, downloads it as PDF and CSV, sees this period's usage and
// its payouts. The admin runs a month end from the Billing page and follows its progress, marks
// an invoice paid and a payout paid, and edits a partner's plan with the live preview.

const PARTNER = "partner@portico.test";
const ADMIN = "admin@portico.test";

async function seriousAxe(page: Page) {
  await page.waitForTimeout(400);
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

async function api(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, email: string) {
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(ctx, email);
  return ctx;
}

/** "YYYY-MM" `n` months before now (UTC). */
function monthsAgo(n: number) {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - n, 1)).toISOString().slice(0, 7);
}

test("a partner reads its invoices, opens one, downloads it, and sees this period's usage and its payouts", async ({ browser }) => {
  const ctx = await contextFor(browser, PARTNER);
  const page = await ctx.newPage();
  await page.goto("/invoices");
  await expect(page.getByRole("heading", { name: "Invoices", level: 1 })).toBeVisible();
  await expect(page.getByTestId("upcoming-total")).toBeVisible();
  const table = page.getByRole("table", { name: "Invoices" });
  await expect(table.getByRole("row").nth(2)).toBeVisible(); // header + the two seeded month ends
  await expect(table).toContainText(/paid/i);
  await expect(table).toContainText(/open/i);
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screens/billing-01-invoices.png", fullPage: true });

  // Filter in the URL.
  await page.goto("/invoices?status=paid");
  await expect(table.getByRole("row").nth(1)).toContainText(/paid/i);
  await expect(table).not.toContainText(/open/i);

  await table.getByRole("link", { name: /^PRT-\d{6}-\d{6}$/ }).first().click();
  await expect(page.getByRole("heading", { name: /^Invoice PRT-\d{6}-\d{6}$/ })).toBeVisible();
  const total = await page.getByTestId("invoice-total").innerText();
  expect(total).toMatch(/^\$[\d,]+\.\d\d$/);
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screens/billing-02-invoice.png", fullPage: true });

  const pdfHref = await page.getByRole("link", { name: "Download PDF" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const csvHref = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const rows = (await csv.text()).trim().split("\r\n");
  expect(rows[0]).toBe("number,period,kind,description,quantity,unit_amount_cents,amount_cents");
  const cents = (kind: string) => Number(rows.find((r) => r.split(",")[2] === kind)!.split(",").at(-1));
  expect(`$${(cents("total") / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`).toBe(total);

  // Printing leaves the shell out.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("sidebar")).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  await page.goto("/usage");
  await expect(page.getByRole("progressbar", { name: "Included calls used" })).toBeVisible();
  await expect(page.getByTestId("period-projected-cost")).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screens/billing-03-usage.png", fullPage: true });

  await page.goto("/payouts");
  await expect(page.getByRole("heading", { name: "Payouts", level: 1 })).toBeVisible();
  await expect(page.getByText("Payouts are sent when your balance reaches $25.00")).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screens/billing-04-payouts.png", fullPage: true });
  await ctx.close();
});

test("the admin runs a month end and follows it, marks an invoice and a payout paid", async ({ browser, playwright, baseURL }) => {
  const ctx = await contextFor(browser, ADMIN);
  const page = await ctx.newPage();
  await page.goto("/admin/billing");
  await expect(page.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(page.getByTestId("kpi-open")).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screens/billing-05-admin-overview.png", fullPage: true });

  // A month the seed did not run: the plans were in force, so it issues invoices.
  const period = monthsAgo(3);
  await page.goto("/admin/billing?tab=runs");
  await page.getByLabel("Period").fill(period);
  await page.getByRole("button", { name: "Run invoices" }).click();
  const progress = page.getByRole("progressbar", { name: "Invoice run progress" });
  await expect(progress).toBeVisible();
  await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await page.screenshot({ path: "test-results/screens/billing-06-admin-run.png", fullPage: true });

  const admin = await api(playwright, baseURL, ADMIN);
  const issued = (await (await admin.get(`/api/v1/billing/invoices?period=${period}&limit=100`)).json()) as { data: { id: string; number: string; status: string }[] };
  expect(issued.data.length).toBeGreaterThan(0);
  // Running it again creates nothing.
  const again = await admin.post("/api/v1/billing/invoices/run", { data: { period } });
  expect(again.status()).toBe(202);
  await expect
    .poll(async () => ((await (await admin.get(`/api/v1/billing/runs/${(await again.json()).runId}`)).json()) as { status: string; createdCount: number }), { timeout: 30_000 })
    .toMatchObject({ status: "succeeded", createdCount: 0 });

  const target = issued.data[0];
  await page.goto(`/admin/billing?tab=invoices&period=${period}`);
  await page.getByRole("button", { name: `Actions for ${target.number}` }).click();
  await page.getByRole("menuitem", { name: /Mark paid/ }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Payment reference").fill("ACH-E2E-1");
  await dialog.getByRole("button", { name: "Mark paid" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => ((await (await admin.get(`/api/v1/billing/invoices/${target.id}`)).json()) as { status: string }).status).toBe("paid");

  await page.goto("/admin/billing?tab=payouts");
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screens/billing-07-admin-payouts.png", fullPage: true });
  const queue = (await (await admin.get("/api/v1/billing/payouts?status=processing&limit=1")).json()) as { data: { id: string }[] };
  if (queue.data[0]) {
    await page.getByRole("button", { name: /^Mark paid/ }).first().click();
    const d = page.getByRole("dialog");
    await d.getByLabel("Payment reference").fill("PO-E2E-1");
    await d.getByRole("button", { name: "Mark paid" }).click();
    await expect(d).toBeHidden();
  }
  await admin.dispose();
  await ctx.close();
});

test("the admin edits a partner's plan with the live preview and saves it", async ({ browser, playwright, baseURL }) => {
  const admin = await api(playwright, baseURL, ADMIN);
  const partners = (await (await admin.get("/api/v1/partners?limit=100")).json()) as { data: { id: string; slug: string }[] };
  const northwind = partners.data.find((p) => p.slug === "northwind")!;
  const ctx = await contextFor(browser, ADMIN);
  const page = await ctx.newPage();
  await page.goto(`/admin/billing/pricing/${northwind.id}`);
  await page.getByRole("radio", { name: /^Hybrid/ }).check();
  await page.getByLabel("Flat fee (USD)").fill("99");
  await page.getByLabel("Included calls per month").fill("1000");
  await page.getByLabel("Tier 1 price per 1,000 calls (USD)").fill("0.50");
  await expect(page.getByTestId("pricing-preview-sentence")).toContainText("this plan would have cost $99.00");
  expect(await seriousAxe(page)).toEqual([]);
  await page.screenshot({ path: "test-results/screens/billing-08-admin-pricing.png", fullPage: true });

  // A bad value is named at its field and nothing is saved.
  await page.getByLabel("Flat fee (USD)").fill("12.345");
  await page.getByRole("button", { name: "Save pricing" }).click();
  await expect(page.getByText(/cents|two decimals|decimal/i).first()).toBeVisible();
  await page.getByLabel("Flat fee (USD)").fill("99");
  await page.getByRole("button", { name: "Save pricing" }).click();
  await expect.poll(async () => ((await (await admin.get(`/api/v1/billing/pricing/${northwind.id}`)).json()) as { model: string; flatFeeCents: number }), { timeout: 10_000 }).toMatchObject({
    model: "hybrid",
    flatFeeCents: 9900,
  });
  await admin.dispose();
  await ctx.close();
});
