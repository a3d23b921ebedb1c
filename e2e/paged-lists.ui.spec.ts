import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./support/auth";

// Lists are paged by cursor; a page the user empties (the last row of the last
// page deleted) steps back to the page before instead of "No contacts yet".

test("deleting the only row of the last page goes back a page, not to an empty list", async ({ page, baseURL }) => {
  const me = (await signInOverHttp(page.request, "partner@portico.test")) as { partnerId: string };
  const contactsApi = `/api/v1/partners/${me.partnerId}/contacts`;
  let existing = 0;
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const batch: { data: unknown[]; nextCursor: string | null } = await (await page.request.get(`${contactsApi}?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).json();
    existing += batch.data.length;
    cursor = batch.nextCursor;
  }
  // Enough contacts that the last page of 20 holds exactly one.
  let add = (((1 - existing) % 20) + 20) % 20;
  if (existing + add < 21) add += 20;
  for (let i = 0; i < add; i++) {
    const res = await page.request.post(contactsApi, {
      headers: { origin: baseURL! },
      data: { kind: "technical", name: `Pager ${String(i).padStart(2, "0")}`, email: `pager-${i}@example.test` },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  const pages = Math.ceil((existing + add) / 20);

  await page.goto("/settings/contacts");
  const rows = page.locator("tbody tr");
  await expect(rows).toHaveCount(20);
  for (let p = 2; p <= pages; p++) {
    await page.getByRole("navigation", { name: "Pagination" }).getByRole("button", { name: "Next" }).click();
    await expect(page.getByText(`Page ${p}`)).toBeVisible();
  }
  await expect(rows).toHaveCount(1);
  // Whichever contact sorts last (other specs add contacts of their own).
  await rows.first().getByRole("button", { name: /^Actions for / }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  await page.getByRole("alertdialog", { name: /^Delete “.+”\?$/ }).getByRole("button", { name: "Delete contact" }).click();

  // Back on the page before, full (the pager hides itself on a lone first page).
  await expect(rows).toHaveCount(20);
  await expect(page.getByText(`Page ${pages}`)).toBeHidden();
  if (pages > 2) await expect(page.getByText(`Page ${pages - 1}`)).toBeVisible();
  await expect(page.getByText("No contacts yet")).toBeHidden();
  await page.screenshot({ path: "test-results/screens/paged-list-stepped-back.png", fullPage: true });
});
