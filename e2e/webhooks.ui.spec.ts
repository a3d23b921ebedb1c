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
    await add.getByLabel("Endpoint URL").fill(url);
    await add.getByLabel("Description").fill("e2e receiver");
    await expect(add.getByText("Loading event types…")).toBeHidden();
    await add.getByLabel("All events").check();
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
    // Every action is on screen at 1280 px, not behind a sideways scroll.
    for (const name of ["Send test", "Reveal secret", "Rotate", "Disable", "Delete"]) await expect(row.getByRole("button", { name })).toBeInViewport();
    await page.screenshot({ path: "test-results/screens/webhooks-02b-endpoint-row.png", fullPage: true });

    // Reveal: the same secret comes back.
    await row.getByRole("button", { name: "Reveal secret" }).click();
    const reveal = page.getByRole("dialog", { name: "Signing secret" });
    await expect(reveal.getByTestId("revealed-secret")).toHaveText(secret);
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();

    // Test event: the log opens filtered to this endpoint and the receiver gets a signed request.
    await row.getByRole("button", { name: "Send test" }).click();
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
    const detail = page.getByRole("dialog", { name: "Delivery attempts" });
    await expect(detail.getByText("Attempt 1")).toBeVisible();
    await expect(detail.getByText("Request headers")).toBeVisible();
    await expect(detail.getByText(/webhook-signature/i).first()).toBeVisible();
    await page.screenshot({ path: "test-results/screens/webhooks-04-attempts.png", fullPage: true });
    await detail.getByRole("button", { name: "Close" }).click();
    await expect(detail).toBeHidden();

    // Delete it again.
    await page.getByRole("group", { name: "Webhooks section" }).getByRole("button", { name: "Endpoints" }).click();
    await page.locator("tr", { hasText: url }).getByRole("button", { name: "Delete" }).click();
    const confirm = page.getByRole("dialog", { name: "Delete endpoint?" });
    await confirm.getByRole("button", { name: "Delete endpoint" }).click();
    await expect(confirm).toBeHidden();
    await expect(page.locator("tr", { hasText: url })).toHaveCount(0);
  } finally {
    await ctx.close();
    receiver.closeAllConnections();
    await new Promise<void>((r) => receiver.close(() => r()));
  }
});
