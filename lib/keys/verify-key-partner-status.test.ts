import { afterEach, describe, expect, it } from "vitest";
import * as verifyRoute from "@/app/api/v1/keys/verify/route";
import * as activateRoute from "@/app/api/v1/partners/[id]/activate/route";
import * as suspendRoute from "@/app/api/v1/partners/[id]/suspend/route";
import { MemoryRateLimitStore } from "@/lib/ratelimit/memory-store";
import { getRateLimiter, setRateLimiterForTests } from "@/lib/ratelimit/rate-limiter";
import { callRoute } from "@/lib/testing/call-route";
import { createApiKey, createPartner, createPartnerWithMember, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { clearKeyCache } from "./key-cache";

// POST /keys/verify answers PARTNER_SUSPENDED for a key whose partner is not
// active (CONTRACT.md), at once after a suspension, and valid again after reactivation.
const db = useTestDb();

afterEach(() => {
  clearKeyCache();
  setRateLimiterForTests(undefined);
});

async function adminCookie() {
  const admin = await createUser(db(), { admin: true });
  return sessionCookie(admin.id);
}

const verify = (cookie: string, key: string) => callRoute(verifyRoute.POST, { path: "/api/v1/keys/verify", cookie, body: { key } });

describe("POST /keys/verify and the partner's status", () => {
  it("answers PARTNER_SUSPENDED at once after a suspension, spending nothing, and valid again after reactivation", async () => {
    setRateLimiterForTests(new MemoryRateLimitStore());
    const { partner } = await createPartnerWithMember(db());
    const { id: keyId, key } = await createApiKey(db(), partner.id, { ratelimitPerMinute: 5 });
    const cookie = await adminCookie();

    const before = await verify(cookie, key);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ valid: true, keyId, partnerId: partner.id, ratelimit: { limit: 5, remaining: 4 } });

    const suspended = await callRoute(suspendRoute.POST, {
      path: `/api/v1/partners/${partner.id}/suspend`,
      params: { id: partner.id },
      cookie,
      body: { reason: "unpaid invoices" },
    });
    expect(suspended.status).toBe(200);

    const after = await verify(cookie, key); // the 5 s key cache must not hide the suspension
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ valid: false, code: "PARTNER_SUSPENDED", keyId, partnerId: partner.id });
    // A refused verification spends nothing of the key's limit.
    expect((await getRateLimiter().take(`key:${keyId}`, 5, 0)).remaining).toBe(4);

    const activated = await callRoute(activateRoute.POST, { path: `/api/v1/partners/${partner.id}/activate`, params: { id: partner.id }, cookie, method: "POST" });
    expect(activated.status, activated.text).toBe(200);
    expect((await verify(cookie, key)).body).toMatchObject({ valid: true, keyId });
  });

  it("answers PARTNER_SUSPENDED for a partner not yet approved, and lets a revoked key say REVOKED first", async () => {
    const pending = await createPartner(db(), { status: "pending" });
    const cookie = await adminCookie();
    const { key } = await createApiKey(db(), pending.id);
    expect((await verify(cookie, key)).body).toMatchObject({ valid: false, code: "PARTNER_SUSPENDED" });
    const revoked = await createApiKey(db(), pending.id, { status: "revoked" });
    expect((await verify(cookie, revoked.key)).body).toMatchObject({ valid: false, code: "REVOKED" });
  });
});
