import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as keysRoute from "@/app/api/v1/keys/route";
import * as rotateRoute from "@/app/api/v1/keys/[id]/rotate/route";
import * as revokeRoute from "@/app/api/v1/keys/[id]/revoke/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as suspendRoute from "@/app/api/v1/partners/[id]/suspend/route";
import { partners } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { clearKeyCache } from "./key-cache";

const db = useTestDb();

async function newKey(cookie: string, body: Record<string, unknown> = {}) {
  const res = await callRoute(keysRoute.POST, {
    path: "/api/v1/keys",
    cookie,
    body: { name: "server", scopes: ["read:*"], ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; key: string };
}

const me = (key: string) => callRoute(meRoute.GET, { path: "/api/v1/me", bearer: key });

describe("API key lifecycle", () => {
  afterEach(() => {
    vi.useRealTimers();
    clearKeyCache();
  });

  it("create → use → rotate (both work in grace) → old fails after grace → revoke → 401", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    const first = await newKey(cookie);
    expect(first.key).toMatch(/^prt_live_/);

    const used = await me(first.key);
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({ type: "api_key", partnerId: partner.id, scopes: ["read:*"] });
    expect(used.headers.get("ratelimit-limit")).toBe("1000");
    expect(Number(used.headers.get("ratelimit-remaining"))).toBe(999);

    const rotated = await callRoute(rotateRoute.POST, {
      path: `/api/v1/keys/${first.id}/rotate`,
      params: { id: first.id },
      cookie,
      body: { gracePeriodSeconds: 60 },
    });
    expect(rotated.status).toBe(201);
    const second = rotated.body as { id: string; key: string };
    expect(second.key).not.toBe(first.key);
    expect((await me(first.key)).status).toBe(200);
    expect((await me(second.key)).status).toBe(200);

    const list = await callRoute(keysRoute.GET, { path: "/api/v1/keys", cookie });
    const old = list.body.data.find((k: { id: string }) => k.id === first.id);
    expect(old.status).toBe("expiring");

    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    clearKeyCache();
    const afterGrace = await me(first.key);
    expect(afterGrace.status).toBe(401);
    expect(afterGrace.body.code).toBe("KEY_EXPIRED");
    expect((await me(second.key)).status).toBe(200);
    vi.useRealTimers();

    const revoked = await callRoute(revokeRoute.POST, { path: `/api/v1/keys/${second.id}/revoke`, params: { id: second.id }, cookie, method: "POST" });
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe("revoked");
    const after = await me(second.key);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("KEY_REVOKED");
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("rejects a mistyped key without touching the database", async () => {
    const { user } = await createPartnerWithMember(db());
    const { key } = await newKey(await sessionCookie(user.id));
    const typo = key.slice(0, 20) + (key[20] === "x" ? "y" : "x") + key.slice(21);
    const spy = vi.spyOn(db(), "select");
    const res = await me(typo);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("INVALID_CREDENTIAL");
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it("refuses an expired key, a suspended partner's key, and a missing scope (naming it)", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const cookie = await sessionCookie(user.id);
    const soon = await newKey(cookie, { expiresAt: new Date(Date.now() + 2_000).toISOString() });
    vi.useFakeTimers({ now: Date.now() + 5_000, toFake: ["Date"] });
    expect((await me(soon.key)).body.code).toBe("KEY_EXPIRED");
    vi.useRealTimers();

    const narrow = await newKey(cookie, { scopes: ["read:webhooks"] });
    const denied = await callRoute(keysRoute.GET, { path: "/api/v1/keys", bearer: narrow.key });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("INSUFFICIENT_SCOPE");
    expect(denied.body.detail).toContain("read:keys");

    const ok = await newKey(cookie);
    await db().update(partners).set({ status: "suspended" }).where(eq(partners.id, partner.id));
    clearKeyCache();
    const suspended = await me(ok.key);
    expect(suspended.status).toBe(401);
    expect(suspended.body.code).toBe("PARTNER_SUSPENDED");
  });

  it("stops a suspended partner's key at once, though its verification was cached a moment before", async () => {
    const { partner, user } = await createPartnerWithMember(db());
    const { key } = await newKey(await sessionCookie(user.id));
    expect((await me(key)).status).toBe(200); // now cached for 5 s
    const admin = await createUser(db(), { admin: true });
    const suspended = await callRoute(suspendRoute.POST, {
      path: `/api/v1/partners/${partner.id}/suspend`,
      params: { id: partner.id },
      cookie: await sessionCookie(admin.id),
      body: { reason: "unpaid invoices" },
    });
    expect(suspended.status).toBe(200);
    const after = await me(key);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe("PARTNER_SUSPENDED");
  });
});
