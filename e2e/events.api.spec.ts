import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./support/auth";

test("the event catalog page shows the 22 standard types with an example payload each", async ({ request }) => {
  const html = await (await request.get("/docs/events")).text();
  const names = [...html.matchAll(/data-testid="event-type-([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]);
  expect(new Set(names).size).toBeGreaterThanOrEqual(22);
  for (const t of ["lead.created", "policy.cancelled", "claim.paid", "user.role_changed", "integration.failed", "billing.payment_received"]) {
    expect(names).toContain(t);
  }
  expect(html).toContain("Example webhook body");
});

test("the event-types API lists the catalog grouped by area for a signed-in partner", async ({ request }) => {
  expect((await request.get("/api/v1/event-types")).status()).toBe(401);
  await signInOverHttp(request, "partner@portico.test");
  const body = await (await request.get("/api/v1/event-types")).json();
  expect(body.data.length).toBeGreaterThanOrEqual(22);
  expect(body.areas.map((a: { area: string }) => a.area)).toEqual(expect.arrayContaining(["lead", "policy", "claim", "user", "integration", "billing"]));
});
