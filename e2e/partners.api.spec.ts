import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./support/auth";

test("the health and ping endpoints answer per the contract", async ({ request }) => {
  expect(await (await request.get("/api/ping")).json()).toEqual({ pong: true });
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", db: "ok", jobs: "embedded" });
  // Idle connections outlive a load balancer's 60 s (and a client's pause): Node's default 5 s made reused sockets fail with ECONNRESET.
  expect(health.headers()["keep-alive"]).toBe("timeout=65");
});

test("a signed-in partner reads their partner; another id is 404; admin routes are 403", async ({ request }) => {
  const me = await signInOverHttp(request, "partner@portico.test");
  expect(me).toMatchObject({ type: "session" });
  const own = await request.get(`/api/v1/partners/${me.partnerId}`);
  expect(own.status()).toBe(200);
  expect((await own.json()).slug).toBe("acme");
  const other = await request.get("/api/v1/partners/00000000-0000-4000-8000-000000000000");
  expect(other.status()).toBe(404);
  expect(other.headers()["content-type"]).toBe("application/problem+json");
  const suspend = await request.post(`/api/v1/partners/${me.partnerId}/suspend`, { data: { reason: "self-suspend" } });
  expect(suspend.status()).toBe(403);
});

test("the OpenAPI document describes every partner route", async ({ request }) => {
  const doc = await (await request.get("/api/v1/openapi.json")).json();
  expect(doc.openapi).toBe("3.1.0");
  for (const p of ["/partners", "/partners/{id}", "/partners/{id}/activate", "/partners/{id}/suspend", "/partners/{id}/stats", "/partners/{id}/contacts", "/partners/{id}/contacts/{contactId}", "/partners/{id}/agreements", "/partners/{id}/agreements/{agreementId}/accept", "/me"]) {
    expect(doc.paths, p).toHaveProperty([p]);
  }
  const ref = await request.get("/docs/api");
  expect(ref.status()).toBe(200);
  expect(await ref.text()).toContain("/api/v1/openapi.json");
});
