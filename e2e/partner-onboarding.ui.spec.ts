import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./support/auth";

// The whole first day of a partner: sign up, wait for approval, get approved, fill in the profile.

const stamp = Date.now().toString(36);
const newcomer = { name: "Nora Newcomer", email: `nora-${stamp}@example.test`, password: "correct-horse-battery", company: `Nimbus Cover ${stamp}` };

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a newcomer signs up, an admin approves them, they edit their profile and add a contact", async ({ browser }) => {
  const partnerCtx = await browser.newContext();
  const page = await partnerCtx.newPage();

  await page.goto("/signup");
  await page.getByLabel("Your name").fill(newcomer.name);
  await page.getByLabel("Work email").fill(newcomer.email);
  await page.getByLabel("Password").fill(newcomer.password);
  await page.getByLabel("Company name").fill(newcomer.company);
  await page.getByRole("button", { name: "Create partner account" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("partner-status")).toContainText("Awaiting approval");
  await page.screenshot({ path: "test-results/screens/01-pending-dashboard.png", fullPage: true });

  // The admin approves the new partner in another browser session.
  const adminCtx = await browser.newContext();
  const admin = await adminCtx.newPage();
  await signIn(admin, "admin@portico.test", DEMO_PASSWORD);
  await expect(admin).toHaveURL(/\/admin\/partners$/);
  await admin.getByLabel("Search partners").fill(stamp);
  const row = admin.locator("tr", { hasText: newcomer.company });
  await expect(row).toContainText("pending");
  await admin.screenshot({ path: "test-results/screens/02-admin-partners.png", fullPage: true });
  await row.getByRole("button", { name: `Actions for ${newcomer.company}` }).click();
  await admin.getByRole("menuitem", { name: "Approve…" }).click();
  await expect(admin.getByRole("dialog", { name: `Approve “${newcomer.company}”?` })).toBeVisible();
  await admin.getByLabel("Note (optional)").fill("Documents verified");
  await admin.getByRole("button", { name: "Approve partner" }).click();
  await expect(row).toContainText("active");
  await adminCtx.close();

  // Back as the partner: a fresh sign-in, the banner is gone.
  await page.getByRole("button", { name: /^Account:/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, newcomer.email, newcomer.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("partner-status")).toHaveCount(0);

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Website").fill("https://nimbus.example");
  await page.getByLabel("Description").fill("Usage-based cover for gig workers.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Website")).toHaveValue("https://nimbus.example");

  await page.getByRole("link", { name: "Contacts" }).click();
  await expect(page.getByText("No contacts yet")).toBeVisible();
  await page.getByRole("button", { name: "Add contact" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Add contact" });
  await dialog.getByLabel("Name").fill("Tess Tech");
  await dialog.getByLabel("Email").fill("tess@nimbus.example");
  await dialog.getByLabel("Primary contact for this kind").check();
  await dialog.getByRole("button", { name: "Add contact" }).click();
  const contactRow = page.locator("tr", { hasText: "Tess Tech" });
  await expect(contactRow).toContainText("tess@nimbus.example");
  await expect(contactRow).toContainText("primary");
  await page.screenshot({ path: "test-results/screens/03-contacts.png", fullPage: true });
  await partnerCtx.close();
});

test("a wrong password gets a clear message that does not say whether the email exists", async ({ page }) => {
  // Nothing typed: said under the field, which gets focus; nothing is sent.
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toBeFocused();
  await expect(page.getByLabel("Email")).toHaveAccessibleDescription("Required.");
  await expect(page.getByTestId("form-error")).toHaveCount(0);
  await signIn(page, "partner@portico.test", "wrong-password");
  await expect(page.getByTestId("form-error")).toHaveText("Email or password is incorrect.");
  await signIn(page, "nobody@portico.test", "wrong-password");
  await expect(page.getByTestId("form-error")).toHaveText("Email or password is incorrect.");
});
