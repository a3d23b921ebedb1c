import { count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/keys/route";
import * as rotateRoute from "@/app/api/v1/keys/[id]/rotate/route";
import * as revokeRoute from "@/app/api/v1/keys/[id]/revoke/route";
import * as keyUsageRoute from "@/app/api/v1/keys/[id]/usage/route";
import * as billingUsageRoute from "@/app/api/v1/billing/usage/route";
import * as meRoute from "@/app/api/v1/me/route";
import { apiKeys } from "@/db/schema";
import { callRoute, type CallResult } from "@/lib/testing/call-route";
import { createApiKey, createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { expectProblem } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { clearKeyCache } from "./key-cache";

const db = useTestDb();

afterEach(() => clearKeyCache());

async function owner() {
  const { partner, user } = await createPartnerWithMember(db());
  return { partner, cookie: await sessionCookie(user.id) };
}

const keyCount = async (partnerId: string) => (await db().select({ n: count() }).from(apiKeys).where(eq(apiKeys.partnerId, partnerId)))[0].n;
const keyRow = async (id: string) => (await db().select().from(apiKeys).where(eq(apiKeys.id, id)))[0];

const create = (cookie: string, body: unknown, headers?: Record<string, string>) => callRoute(keysRoute.POST, { path: "/api/v1/keys", cookie, body, headers });
const rotate = (cookie: string, id: string, body: unknown = {}) =>
  callRoute(rotateRoute.POST, { path: `/api/v1/keys/${id}/rotate`, params: { id }, cookie, body });
const revoke = (cookie: string, id: string) => callRoute(revokeRoute.POST, { path: `/api/v1/keys/${id}/revoke`, params: { id }, cookie, method: "POST" });

/** 422 problem+json whose `errors` name the field (a path equal to it, or under it). */
function expectInvalidField(res: CallResult, field: string) {
  expectProblem(res, 422, "VALIDATION_FAILED");
  const paths = (res.body.errors ?? []).map((e: { path: string }) => e.path);
  expect(
    paths.some((p: string) => p === field || p.startsWith(`${field}.`)),
    `errors ${JSON.stringify(paths)} do not name ${field}`,
  ).toBe(true);
}

describe("POST /keys: invalid input", () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["no scopes", { name: "k", scopes: [] }, "scopes"],
    ["scopes missing", { name: "k" }, "scopes"],
    ["an unknown scope", { name: "k", scopes: ["read:keys", "read:unicorns"] }, "scopes"],
    ["a malformed scope", { name: "k", scopes: ["keys"] }, "scopes"],
    ["an expiresAt in the past", { name: "k", scopes: ["read:keys"], expiresAt: new Date(Date.now() - 60_000).toISOString() }, "expiresAt"],
    ["an expiresAt that is not a date", { name: "k", scopes: ["read:keys"], expiresAt: "tomorrow" }, "expiresAt"],
    ["a ratelimitPerMinute above the standard tier's 1000", { name: "k", scopes: ["read:keys"], ratelimitPerMinute: 1001 }, "ratelimitPerMinute"],
    ["a ratelimitPerMinute of 0", { name: "k", scopes: ["read:keys"], ratelimitPerMinute: 0 }, "ratelimitPerMinute"],
    ["a fractional ratelimitPerMinute", { name: "k", scopes: ["read:keys"], ratelimitPerMinute: 2.5 }, "ratelimitPerMinute"],
    ["an empty name", { name: "  ", scopes: ["read:keys"] }, "name"],
    ["an unknown field", { name: "k", scopes: ["read:keys"], partnerId: "someone-else" }, "partnerId"],
  ];
  for (const [label, body, field] of cases) {
    it(`answers ${label} with 422 naming ${field}, and creates nothing`, async () => {
      const { partner, cookie } = await owner();
      expectInvalidField(await create(cookie, body), field);
      expect(await keyCount(partner.id)).toBe(0);
    });
  }

  it("accepts the boundary values (control): the tier's own 1000/min and an expiry in the future", async () => {
    const { partner, cookie } = await owner();
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    const res = await create(cookie, { name: "edge", scopes: ["read:keys"], ratelimitPerMinute: 1000, expiresAt });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ ratelimitPerMinute: 1000, expiresAt, status: "active" });
    expect(await keyCount(partner.id)).toBe(1);
  });
});

describe("rotate and revoke: state conflicts", () => {
  it("refuses to rotate a revoked key (409), and issues nothing", async () => {
    const { partner, cookie } = await owner();
    const key = await createApiKey(db(), partner.id, { status: "revoked" });
    const res = await rotate(cookie, key.id);
    expectProblem(res, 409, "CONFLICT");
    expect(res.body.detail).toContain("revoked");
    expect(await keyCount(partner.id)).toBe(1);
  });

  it("refuses to rotate a key that is already expiring from a rotation (409), leaving its grace period alone", async () => {
    const { partner, cookie } = await owner();
    const key = await createApiKey(db(), partner.id);
    const first = await rotate(cookie, key.id, { gracePeriodSeconds: 3600 });
    expect(first.status, first.text).toBe(201);
    const graceEndsAt = (await keyRow(key.id)).graceEndsAt;
    const again = await rotate(cookie, key.id, { gracePeriodSeconds: 0 });
    expectProblem(again, 409, "CONFLICT");
    expect(again.body.detail).toContain("expiring");
    expect((await keyRow(key.id)).graceEndsAt).toEqual(graceEndsAt);
    expect(await keyCount(partner.id)).toBe(2);
    // The old key still works through its grace period.
    expect((await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: key.key })).status).toBe(200);
  });

  it("refuses to rotate an expired key (409)", async () => {
    const { partner, cookie } = await owner();
    const key = await createApiKey(db(), partner.id, { expiresAt: new Date(Date.now() - 1000) });
    expectProblem(await rotate(cookie, key.id), 409, "CONFLICT");
    expect(await keyCount(partner.id)).toBe(1);
  });

  it("revoking twice answers 409 the second time and keeps the first revocation's time", async () => {
    const { partner, cookie } = await owner();
    const key = await createApiKey(db(), partner.id);
    const first = await revoke(cookie, key.id);
    expect(first.status, first.text).toBe(200);
    expect(first.body.status).toBe("revoked");
    const revokedAt = (await keyRow(key.id)).revokedAt;
    expect(revokedAt).not.toBeNull();
    const second = await revoke(cookie, key.id);
    expectProblem(second, 409, "CONFLICT");
    expect((await keyRow(key.id)).revokedAt).toEqual(revokedAt);
  });

  for (const [label, value] of [
    ["negative", -1],
    ["fractional", 1.5],
    ["a string", "60"],
    ["above 30 days", 30 * 24 * 3600 + 1],
  ] as const) {
    it(`answers a ${label} gracePeriodSeconds with 422 naming it, and leaves the key active`, async () => {
      const { partner, cookie } = await owner();
      const key = await createApiKey(db(), partner.id);
      expectInvalidField(await rotate(cookie, key.id, { gracePeriodSeconds: value }), "gracePeriodSeconds");
      expect((await keyRow(key.id)).status).toBe("active");
      expect(await keyCount(partner.id)).toBe(1);
    });
  }

  it("accepts gracePeriodSeconds of 0 (control): the old key stops at once", async () => {
    const { partner, cookie } = await owner();
    const key = await createApiKey(db(), partner.id);
    const res = await rotate(cookie, key.id, { gracePeriodSeconds: 0 });
    expect(res.status, res.text).toBe(201);
    const me = await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: key.key });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe("KEY_EXPIRED");
  });
});

describe("usage: invalid ranges", () => {
  it("answers from > to with 422 naming `from`, on both usage routes", async () => {
    const { partner, cookie } = await owner();
    const key = await createApiKey(db(), partner.id);
    const q = "?from=2025-03-10&to=2025-03-01";
    expectInvalidField(
      await callRoute(keyUsageRoute.GET, { path: `/api/v1/keys/${key.id}/usage${q}`, params: { id: key.id }, cookie }),
      "from",
    );
    expectInvalidField(await callRoute(billingUsageRoute.GET, { path: `/api/v1/billing/usage${q}`, cookie }), "from");
    // Control: the same days the right way round.
    const ok = await callRoute(keyUsageRoute.GET, { path: `/api/v1/keys/${key.id}/usage?from=2025-03-01&to=2025-03-10`, params: { id: key.id }, cookie });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.days).toHaveLength(10);
  });

  it("answers a date that is not YYYY-MM-DD with 422 naming it", async () => {
    const { partner, cookie } = await owner();
    const key = await createApiKey(db(), partner.id);
    expectInvalidField(
      await callRoute(keyUsageRoute.GET, { path: `/api/v1/keys/${key.id}/usage?to=2025-13-45`, params: { id: key.id }, cookie }),
      "to",
    );
  });
});

describe("POST /keys with Idempotency-Key", () => {
  it("replays the same secret for the same key and body, creating one row", async () => {
    const { partner, cookie } = await owner();
    const body = { name: "ci deploys", scopes: ["read:keys"] };
    const headers = { "idempotency-key": "create-ci-key-1" };
    const first = await create(cookie, body, headers);
    expect(first.status, first.text).toBe(201);
    const again = await create(cookie, body, headers);
    expect(again.status, again.text).toBe(201);
    expect(again.body.key).toBe(first.body.key);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await keyCount(partner.id)).toBe(1);
    // The replayed secret is the real one.
    const me = await callRoute(meRoute.GET, { path: "/api/v1/me", bearer: again.body.key });
    expect(me.status).toBe(200);
    expect(me.body.partnerId).toBe(partner.id);
  });

  it("answers the same key with another body with 409, creating nothing more", async () => {
    const { partner, cookie } = await owner();
    const headers = { "idempotency-key": "create-ci-key-2" };
    const first = await create(cookie, { name: "one", scopes: ["read:keys"] }, headers);
    expect(first.status, first.text).toBe(201);
    const other = await create(cookie, { name: "two", scopes: ["read:keys"] }, headers);
    expectProblem(other, 409, "IDEMPOTENCY_KEY_REUSED");
    expect(other.text).not.toContain(first.body.key);
    expect(await keyCount(partner.id)).toBe(1);
  });

  it("keeps idempotency keys per caller: another user's same key creates their own key", async () => {
    const a = await owner();
    const b = await owner();
    const headers = { "idempotency-key": "shared-name" };
    const body = { name: "same", scopes: ["read:keys"] };
    const ra = await create(a.cookie, body, headers);
    const rb = await create(b.cookie, body, headers);
    expect(ra.status).toBe(201);
    expect(rb.status).toBe(201);
    expect(rb.body.key).not.toBe(ra.body.key);
    expect(await keyCount(b.partner.id)).toBe(1);
  });
});
