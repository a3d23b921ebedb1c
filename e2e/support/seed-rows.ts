import { expect, type PlaywrightWorkerArgs } from "@playwright/test";
import { signInOverHttp } from "./auth";

/** One row of each kind the partner portal lists, named with a stamp so a spec finds its own. */
export function rowNames(stamp = Date.now().toString(36)) {
  return {
    key: `Row key ${stamp}`,
    client: `Row client ${stamp}`,
    endpoint: `Row hook ${stamp}`,
    contact: `Row Contact ${stamp}`,
  };
}

/**
 * Creates, over the API as the demo partner: a key, an OAuth client, an endpoint nobody listens on
 * (its test delivery fails, which is what a delivery sheet should explain), a contact; then, as the
 * admin, one event for that partner. Returns the partner's id.
 */
export async function seedPartnerRows(
  playwright: PlaywrightWorkerArgs["playwright"],
  baseURL: string | undefined,
  names: ReturnType<typeof rowNames>,
): Promise<string> {
  const partner = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  const me = (await signInOverHttp(partner, "partner@portico.test")) as { partnerId: string };
  const post = async (path: string, data: unknown) => {
    const res = await partner.post(`/api/v1${path}`, { data });
    expect([200, 201, 202], `${path}: ${await res.text()}`).toContain(res.status());
    return res.json();
  };
  await post("/keys", { name: names.key, scopes: ["read:*"] });
  await post("/oauth-clients", {
    name: names.client,
    type: "confidential",
    redirectUris: ["https://example.test/cb"],
    grantTypes: ["authorization_code", "refresh_token"],
    scopes: ["read:leads"],
  });
  // Nobody listens on port 9.
  const endpoint = await post("/webhooks/endpoints", { url: "http://127.0.0.1:9/hooks", eventTypes: ["*"], description: names.endpoint });
  await post(`/webhooks/endpoints/${endpoint.id}/test`, {});
  await post(`/partners/${me.partnerId}/contacts`, { kind: "technical", name: names.contact, email: `row-${Date.now()}@example.test` });
  await partner.dispose();

  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await signInOverHttp(admin, "admin@portico.test");
  const catalog = await (await admin.get("/api/v1/event-types")).json();
  const type = catalog.data.find((t: { deprecated: boolean }) => !t.deprecated);
  const published = await admin.post("/api/v1/events", { data: { type: type.name, data: type.examplePayload, partnerId: me.partnerId } });
  expect(published.status(), await published.text()).toBe(202);
  await admin.dispose();
  return me.partnerId;
}
