import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./support/auth";
import { contextFor } from "./support/pages";

// Support in the browser. A partner opens an urgent ticket about a webhook delivery that died
// (its receiver answered 410 Gone), attaching the delivery; the ticket promises a reply. The
// admin finds it in the SLA-sorted queue, writes an internal note and a public reply; the partner
// sees the reply, never the note, and that the ticket now waits on them; their answer reopens it.
// They resolve and rate it; a closed ticket offers a follow-up instead of a reply box. A customer
// opens a ticket about one of their installs from the marketplace. Every page is photographed at
// 1280 and 390 px (test-results/screens/support-*.png).

const PARTNER = "partner@portico.test";
const ADMIN = "admin@portico.test";
const CUSTOMER = "customer@portico.test";
const PHONE = { width: 390, height: 844 };

async function seriousAxe(page: Page) {
  await page.waitForTimeout(300);
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The page photographed as it is, then at a phone's width (no sideways scrolling there), then back. */
async function screens(page: Page, name: string) {
  const desktop = page.viewportSize()!;
  await page.screenshot({ path: `test-results/screens/support-${name}.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  // What sticks out, named, so a failure says where to look.
  const wider = await page.evaluate(() =>
    Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest("[data-sonner-toaster]"))
      .slice(-5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 80)} → ${Math.round(el.getBoundingClientRect().right)}`),
  );
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${name} fits 390 px: ${wider.join(" | ")}`).toBeLessThanOrEqual(1);
  await page.screenshot({ path: `test-results/screens/support-${name}-390.png`, fullPage: true });
  await page.setViewportSize(desktop);
}

async function api(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string | undefined, email: string): Promise<APIRequestContext> {
  const ctx = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(ctx, email);
  return ctx;
}

test("a partner asks about a dead delivery, staff answer with a note and a reply, the partner's answer reopens it", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString(36);
  const secret = `WAF-rule-${stamp} blocks them`;

  // A receiver that answers 410 Gone: the delivery dies at once (no retries).
  const receiver = createServer((_req, res) => res.writeHead(410).end("gone"));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const port = (receiver.address() as AddressInfo).port;
  const partnerApi = await api(playwright, baseURL, PARTNER);
  try {
    const endpoint = await partnerApi.post("/api/v1/webhooks/endpoints", { data: { url: `http://127.0.0.1:${port}/support-${stamp}`, eventTypes: ["*"], description: `Support e2e ${stamp}` } });
    expect(endpoint.status(), await endpoint.text()).toBe(201);
    const sent = await partnerApi.post(`/api/v1/webhooks/endpoints/${(await endpoint.json()).id}/test`, { data: {} });
    expect(sent.status(), await sent.text()).toBe(202);
    const deliveryId = ((await sent.json()) as { delivery: { id: string } }).delivery.id;
    await expect
      .poll(async () => ((await (await partnerApi.get(`/api/v1/webhooks/deliveries/${deliveryId}`)).json()) as { status: string }).status, { timeout: 30_000 })
      .toBe("dead");

    // The partner opens the ticket from the Support page.
    const partnerCtx = await contextFor(browser, PARTNER);
    const page = await partnerCtx.newPage();
    await page.goto("/support");
    await expect(page.getByRole("heading", { name: "Support", level: 1 })).toBeVisible();
    await expect(page.getByText("Loading tickets…")).toBeHidden();
    expect(await seriousAxe(page)).toEqual([]);
    await screens(page, "01-list");

    await page.getByRole("link", { name: "New ticket" }).first().click();
    await expect(page.getByRole("heading", { name: "New ticket", level: 1 })).toBeVisible();
    // An empty form is refused at its fields, with the first one focused.
    await page.getByRole("button", { name: "Open ticket" }).click();
    await expect(page.getByLabel("Subject")).toBeFocused();
    await expect(page.getByLabel("Subject")).toHaveAttribute("aria-invalid", "true");

    const subject = `Deliveries to port ${port} are dead ${stamp}`;
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Category").selectOption("technical");
    await page.getByLabel("Priority").selectOption({ label: "Urgent: first reply within 1 hour" });
    await page.getByLabel("Message", { exact: true }).fill("Every delivery to our endpoint **dies** after one attempt.\n\n- event: `test`");
    await page.getByRole("tab", { name: "Preview" }).click();
    await expect(page.getByTestId("message-preview").locator("strong")).toHaveText("dies");
    await page.getByRole("tab", { name: "Write" }).click();

    await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Webhook delivery" });
    await page.getByLabel("Search your webhook deliveries").fill(String(port));
    const option = page.getByRole("list", { name: "Webhook deliveries to attach" }).getByRole("button").filter({ hasText: `${port}` }).first();
    await expect(option).toContainText("dead");
    await option.click();
    await expect(page.getByRole("list", { name: "Attached" })).toContainText(`127.0.0.1:${port}`);
    await expect(page.getByLabel("Search your webhook deliveries")).toBeFocused();
    expect(await seriousAxe(page)).toEqual([]);
    await screens(page, "02-new");

    await page.getByRole("button", { name: "Open ticket" }).click();
    await expect(page).toHaveURL(/\/support\/[0-9a-f-]{36}$/);
    const ticketId = page.url().split("/").pop()!;
    await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
    await expect(page.getByTestId("sla-line")).toContainText("We'll reply by");
    const linked = page.getByTestId("linked-delivery");
    await expect(linked).toContainText(`127.0.0.1:${port}`);
    await expect(linked).toContainText("dead");
    expect(await seriousAxe(page)).toEqual([]);
    await screens(page, "03-ticket-open");

    // Staff: the urgent ticket heads the queue (due soonest); a note, then a public reply.
    const adminCtx = await contextFor(browser, ADMIN);
    const admin = await adminCtx.newPage();
    await admin.goto("/admin/tickets");
    await expect(admin.getByRole("heading", { name: "Tickets", level: 1 })).toBeVisible();
    const queue = admin.getByRole("table", { name: "Ticket queue" });
    const number = (await page.getByTestId("ticket-number").innerText()).replace(/\D/g, "");
    // Sorted by the reply due: only tickets already late or due sooner (other urgent ones) may come before it.
    const row = queue.getByTestId(`queue-row-${number}`);
    await expect(row).toHaveAttribute("data-sla", "due-soon");
    const order = await queue.locator("tbody tr").evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute("data-testid"), sla: r.getAttribute("data-sla") })));
    const at = order.findIndex((r) => r.id === `queue-row-${number}`);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(order.slice(0, at).every((r) => r.sla === "breached" || r.sla === "due-soon"), JSON.stringify(order.slice(0, at + 1))).toBe(true);
    await expect(admin.getByTestId("stat-open")).toBeVisible();
    expect(await seriousAxe(admin)).toEqual([]);
    await screens(admin, "04-queue");

    // Found by its number it is the queue's top row; assigning from the row keeps focus on the ticket.
    await admin.getByLabel("Search").fill(`#${number}`);
    await expect(admin).toHaveURL(new RegExp(`q=%23${number}`));
    await expect(queue.locator("tbody tr")).toHaveCount(1);
    await expect(queue.locator("tbody tr").first()).toContainText(subject);
    await row.getByRole("button", { name: /Assign to me/ }).click();
    const link = queue.getByRole("link", { name: new RegExp(subject) });
    await expect(link).toBeFocused();
    await expect(row).toContainText("You");
    await link.click();
    await expect(admin).toHaveURL(new RegExp(`/admin/tickets/${ticketId}$`));
    await expect(admin.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
    await expect(admin.getByTestId("linked-delivery")).toContainText("dead");

    await admin.getByRole("group", { name: "Kind of message" }).getByRole("button", { name: "Internal note" }).click();
    await admin.getByLabel("Note", { exact: true }).fill(`Their receiver answers 410: ${secret}.`);
    await admin.getByRole("button", { name: "Add internal note" }).click();
    const note = admin.getByTestId("internal-note");
    await expect(note).toContainText(secret);
    await expect(note).toContainText("Internal note — not visible to the requester");
    await expect(note).toBeFocused();

    // A priority change recomputes the due time, said beside the control.
    const dueBefore = await admin.getByTestId("sla-next").innerText();
    await admin.getByLabel("Priority", { exact: true }).selectOption("high");
    await expect(admin.getByTestId("priority-recomputed")).toContainText(/Reply now due \w{3} \d+, \d+:\d\d [AP]M UTC/);
    await expect(admin.getByTestId("sla-next")).not.toHaveText(dueBefore);
    await expect(admin.getByTestId("ticket-status")).toContainText("Open");

    await admin.getByRole("group", { name: "Kind of message" }).getByRole("button", { name: "Public reply" }).click();
    await admin.getByLabel("Reply", { exact: true }).fill("Your endpoint answers **410 Gone**, which stops deliveries. Can you check its route?");
    await expect(admin.getByLabel("Status after reply")).toHaveValue("pending");
    await admin.getByRole("button", { name: "Send reply" }).click();
    await expect(admin.getByTestId("staff-reply")).toContainText("410 Gone");
    await expect(admin.getByTestId("staff-sla")).toHaveAttribute("data-sla", "paused");
    await expect(admin.getByTestId("ticket-status")).toContainText("Pending");
    expect(await seriousAxe(admin)).toEqual([]);
    await screens(admin, "05-staff-ticket");
    await adminCtx.close();

    // The partner sees the reply, not the note, and that the ticket waits on them.
    await page.reload();
    await expect(page.getByTestId("staff-reply")).toContainText("410 Gone");
    await expect(page.getByTestId("staff-reply")).toContainText("Portico support");
    await expect(page.getByTestId("sla-line")).toHaveAttribute("data-sla", "waiting");
    await expect(page.getByTestId("sla-line")).toContainText("Waiting on you");
    await expect(page.getByTestId("sla-line")).not.toContainText("We'll reply by");
    await expect(page.getByTestId("internal-note")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(secret);
    expect(await page.content()).not.toContain(secret);
    await expect(page.getByTestId("reopen-hint")).toContainText("Replying reopens it");
    await screens(page, "06-ticket-waiting");

    await page.getByLabel("Your reply", { exact: true }).fill("Fixed the route, please try again.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await expect(page.getByTestId("ticket-status")).toContainText("Open");
    await expect(page.getByTestId("sla-line")).toContainText("We'll reply by");
    await expect(page.getByTestId("requester-message").last()).toBeFocused();
    const reopened = (await (await partnerApi.get(`/api/v1/support/tickets/${ticketId}`)).json()) as { status: string };
    expect(reopened.status).toBe("open");
    await screens(page, "07-ticket-reopened");

    // The dashboard's "Open tickets" view: open and pending, in the URL.
    await page.goto("/support?status=open,pending");
    await expect(page.getByLabel("Status")).toHaveValue("open,pending");
    await expect(page.getByRole("table", { name: "Support tickets" })).toContainText(subject);
    await expect(page.getByRole("table", { name: "Support tickets" })).toContainText("We'll reply by");
    await screens(page, "10-list-open");

    // The partner marks it resolved (asked first) and rates the help.
    await page.goto(`/support/${ticketId}`);
    await expect(page.getByTestId("ticket-status")).toContainText("Open");
    await page.getByRole("button", { name: "Mark resolved" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Mark #${number} resolved?` });
    await confirm.getByRole("button", { name: "Mark resolved" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId("sla-line")).toContainText("Resolved — closes automatically on");
    await page.getByRole("group", { name: "Rating" }).getByLabel("4 stars: Good").check();
    await page.getByLabel("Comment (optional)").fill("Quick, thanks.");
    await page.getByRole("button", { name: "Send rating" }).click();
    await expect(page.getByTestId("satisfaction")).toContainText("4 out of 5");
    await expect(page.getByRole("heading", { name: "Your rating" })).toBeVisible();
    await screens(page, "11-resolved-rated");

    // A closed ticket (the demo's resolved one: the scheduler closes tickets 4 days after they
    // were resolved) takes no replies: the API answers 409 TICKET_CLOSED, and the page offers a
    // follow-up instead of the reply box, which starts from that ticket.
    let closed: { id: string; number: number; subject: string } | undefined;
    await expect
      .poll(
        async () => {
          closed = ((await (await partnerApi.get("/api/v1/support/tickets?status=closed&limit=1")).json()) as { data: { id: string; number: number; subject: string }[] }).data[0];
          return !!closed;
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    const refused = await partnerApi.post(`/api/v1/support/tickets/${closed!.id}/comments`, { data: { body: "Still there?" } });
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe("TICKET_CLOSED");
    await page.goto(`/support/${closed!.id}`);
    const callout = page.getByTestId("closed-callout");
    await expect(callout).toContainText("This ticket is closed.");
    await expect(page.getByRole("button", { name: "Send reply" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Mark resolved" })).toHaveCount(0);
    await expect(page.getByTestId("sla-line")).toHaveAttribute("data-sla", "closed");
    await screens(page, "12-closed");
    await callout.getByRole("link", { name: `Open a new ticket referencing #${closed!.number}` }).click();
    await expect(page).toHaveURL(new RegExp(`/support/new\\?followUp=${closed!.id}$`));
    await expect(page.getByRole("heading", { name: "Follow-up ticket", level: 1 })).toBeVisible();
    await expect(page.getByLabel("Subject")).toHaveValue(`Follow-up to #${closed!.number}`);
    await expect(page.getByTestId("follow-up-of")).toContainText(closed!.subject);
    await screens(page, "13-follow-up");
    await page.getByLabel("Message", { exact: true }).fill("The old key stopped working before the grace period ended.");
    await page.getByRole("button", { name: "Open ticket" }).click();
    await expect(page.getByRole("heading", { name: `Follow-up to #${closed!.number}`, level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: `#${closed!.number}`, exact: true })).toHaveAttribute("href", `/support/${closed!.id}`);
    await partnerCtx.close();
  } finally {
    await partnerApi.dispose();
    receiver.close();
  }
});

test("a customer opens a ticket about one of their installs from the marketplace", async ({ browser }) => {
  const stamp = Date.now().toString(36);
  const ctx = await contextFor(browser, CUSTOMER);
  const page = await ctx.newPage();
  await page.goto("/marketplace");
  await page.getByRole("link", { name: "Support", exact: true }).first().click();
  await expect(page).toHaveURL(/\/support$/);
  await expect(page.getByRole("heading", { name: "Support", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New ticket" }).first().click();

  // A customer attaches integrations, nothing else: the kind is chosen already.
  await expect(page.getByLabel("Kind", { exact: true })).toHaveValue("integration");
  expect(await page.getByLabel("Kind", { exact: true }).locator("option").allTextContents()).toEqual(["Integration"]);
  await expect(page.getByLabel("Category").locator("option", { hasText: "App review" })).toHaveCount(0);
  const subject = `Sync stopped ${stamp}`;
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Message", { exact: true }).fill("Our policies stopped syncing yesterday.");
  const option = page.getByRole("list", { name: "Integrations to attach" }).getByRole("button").first();
  await option.click();
  await expect(page.getByRole("list", { name: "Attached" }).getByRole("listitem")).toHaveCount(1);
  expect(await seriousAxe(page)).toEqual([]);
  await screens(page, "08-customer-new");

  await page.getByRole("button", { name: "Open ticket" }).click();
  await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
  await expect(page.getByTestId("sla-line")).toContainText("We'll reply by");
  await expect(page.getByTestId("linked-integration")).toBeVisible();
  expect(await seriousAxe(page)).toEqual([]);
  await screens(page, "09-customer-ticket");
  await ctx.close();
});
