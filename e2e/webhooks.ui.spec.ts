import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";

// A partner adds a webhook endpoint pointing at their (local) receiver, sends a test event,
// watches it in the delivery log, reveals the secret and deletes the endpoint.
// The e2e server runs with WEBHOOK_ALLOW_PRIVATE_URLS=1 (e2e/support/start-server.ts).

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a partner adds an endpoint, sends a test event and sees it delivered", async ({ browser }) => {
  const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ url: req.url ?? "/", headers: req.headers, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/portico`;

  const ctx = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await ctx.newPage();
  try {
    await signIn(page, "partner@portico.test", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
    await expect(page.getByText("Loading…")).toBeHidden();
    await page.screenshot({ path: "test-results/screens/webhooks-01-endpoints.png", fullPage: true });

    await page.getByRole("button", { name: "Add endpoint" }).first().click();
    const add = page.getByRole("dialog", { name: "Add endpoint" });
    // A URL the browser takes but the API refuses: its reason shows under the field, which gets focus.
    await add.getByLabel("Endpoint URL").fill(`${url}#section`);
    await add.getByLabel("Description").fill("e2e receiver");
    await expect(add.getByText("Loading event types…")).toBeHidden();
    await add.getByLabel("All events").check();
    await add.getByRole("button", { name: "Add endpoint" }).click();
    await expect(add.getByLabel("Endpoint URL")).toHaveAccessibleDescription("URL must not contain a fragment.");
    await expect(add.getByLabel("Endpoint URL")).toBeFocused();
    await expect(add.getByRole("alert")).toHaveCount(0);
    await add.getByLabel("Endpoint URL").fill(url);
    await page.screenshot({ path: "test-results/screens/webhooks-02-add.png", fullPage: true });
    await add.getByRole("button", { name: "Add endpoint" }).click();

    const added = page.getByRole("dialog", { name: "Endpoint added" });
    const secret = (await added.getByTestId("endpoint-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);
    await added.getByRole("button", { name: "Done" }).click();
    await expect(added).toBeHidden();

    const row = page.locator("tr", { hasText: url });
    await expect(row).toBeVisible();
    await expect(row.getByText("enabled")).toBeVisible();
    // The table never scrolls sideways, and every action is in the row's "…" menu, drawn above the page.
    const actions = row.getByRole("button", { name: "Actions for e2e receiver" });
    const menuItem = (name: string) => page.getByRole("menuitem", { name, exact: true });
    expect(await row.locator("xpath=ancestor::table/..").evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await actions.click();
    for (const name of ["Send test event", "Reveal secret", "Rotate secret…", "Disable…", "Delete…"]) await expect(menuItem(name)).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: "test-results/screens/webhooks-02b-endpoint-menu.png", fullPage: true });

    // Disabling asks first, like every destructive action; cancelled here.
    await menuItem("Disable…").click();
    const disable = page.getByRole("alertdialog", { name: "Disable “e2e receiver”?" });
    await expect(disable).toContainText(url);
    await disable.getByRole("button", { name: "Cancel" }).click();
    await expect(disable).toBeHidden();
    await expect(row.getByText("enabled")).toBeVisible();

    // Reveal: the same secret comes back.
    await actions.click();
    await menuItem("Reveal secret").click();
    const reveal = page.getByRole("dialog", { name: "Signing secret" });
    await expect(reveal.getByTestId("revealed-secret")).toHaveText(secret);
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();

    // Test event: the log opens filtered to this endpoint and the receiver gets a signed request.
    await actions.click();
    await menuItem("Send test event").click();
    await expect(page.getByRole("group", { name: "Webhooks section" }).getByRole("button", { name: "Delivery log" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    const delivery = page.locator("tr[data-testid^=delivery-row-]").first();
    await expect(delivery).toBeVisible();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(received[0].url).toBe("/hooks/portico");
    expect(received[0].headers["webhook-signature"]).toMatch(/^v1,/);
    await expect(delivery.getByText("succeeded")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole("columnheader", { name: "Created" })).toBeInViewport();
    await page.screenshot({ path: "test-results/screens/webhooks-03-log.png", fullPage: true });

    await delivery.click();
    const detail = page.getByRole("dialog", { name: "Delivery details" });
    await expect(detail.getByText("Attempt 1")).toBeVisible();
    await expect(detail.getByText("Request headers")).toBeVisible();
    await expect(detail.getByText(/webhook-signature/i).first()).toBeVisible();
    await expect(detail.getByText("e2e receiver").first()).toBeVisible();
    // A delivered one can be sent again.
    await expect(detail.getByRole("button", { name: "Resend" })).toBeVisible();
    await detail.getByRole("button", { name: "Copy request body" }).click();
    await expect(detail.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ type: expect.any(String) });
    await page.screenshot({ path: "test-results/screens/webhooks-04-attempts.png", fullPage: true });
    await detail.getByRole("button", { name: "Close" }).click();
    await expect(detail).toBeHidden();

    // Delete it again.
    await page.getByRole("group", { name: "Webhooks section" }).getByRole("button", { name: "Endpoints" }).click();
    await page.locator("tr", { hasText: url }).getByRole("button", { name: "Actions for e2e receiver" }).click();
    await menuItem("Delete…").click();
    const confirm = page.getByRole("alertdialog", { name: "Delete “e2e receiver”?" });
    await confirm.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.locator("tr", { hasText: url })).toHaveCount(0);
  } finally {
    await ctx.close();
    receiver.closeAllConnections();
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});
