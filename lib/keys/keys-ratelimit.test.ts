import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/keys/route";
import * as verifyRoute from "@/app/api/v1/keys/verify/route";
import * as meRoute from "@/app/api/v1/me/route";
import { partners } from "@/db/schema";
import { MemoryRateLimitStore } from "@/lib/ratelimit/memory-store";
import { setRateLimiterForTests } from "@/lib/ratelimit/rate-limiter";
import { RedisRateLimitStore } from "@/lib/ratelimit/redis-store";
import type { RateLimitResult, RateLimitStore } from "@/lib/ratelimit/types";
import { callRoute, type CallResult } from "@/lib/testing/call-route";
import { createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { expectProblem } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { clearKeyCache } from "./key-cache";

const db = useTestDb();

async function partnerWithKey(body: Record<string, unknown> = {}, tier?: "standard" | "premium" | "enterprise") {
  const { partner, user } = await createPartnerWithMember(db());
  if (tier) await db().update(partners).set({ tier }).where(eq(partners.id, partner.id));
  const cookie = await sessionCookie(user.id);
  const res = await callRoute(keysRoute.POST, { path: "/api/v1/keys", cookie, body: { name: "limited", scopes: ["read:keys"], ...body } });
  expect(res.status, res.text).toBe(201);
  return { partner, cookie, id: res.body.id as string, key: res.body.key as string, created: res.body };
}

const me = (key: string) => callRoute(meRoute.GET, { path: "/api/v1/me", bearer: key });
const verify = (cookie: string, key: string) => callRoute(verifyRoute.POST, { path: "/api/v1/keys/verify", cookie, body: { key } });
const rl = (res: CallResult) => ({
  limit: res.headers.get("ratelimit-limit"),
  remaining: res.headers.get("ratelimit-remaining"),
  reset: res.headers.get("ratelimit-reset"),
});

function expect429(res: CallResult, limit: number) {
  expectProblem(res, 429, "RATE_LIMITED");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect(res.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(res.headers.get("ratelimit-remaining")).toBe("0");
  expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
}

afterEach(() => clearKeyCache());
afterAll(() => setRateLimiterForTests(undefined));

describe("rate limits with the in-memory store and a controllable clock", () => {
  let t = 0;
  beforeEach(() => {
    t = Date.UTC(2030, 0, 1);
    setRateLimiterForTests(new MemoryRateLimitStore({ now: () => t }));
  });
  afterEach(() => setRateLimiterForTests(undefined));

  it("counts down 2,1,0 for a 3/min key, refuses the 4th with 429 + Retry-After, and lets one through 20 s later", async () => {
    const { key, created } = await partnerWithKey({ ratelimitPerMinute: 3 });
    expect(created.ratelimitPerMinute).toBe(3);

    const results = [await me(key), await me(key), await me(key)];
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    // One token comes back every 20 s, so the bucket is full again 20/40/60 s after each call.
    expect(results.map(rl)).toEqual([
      { limit: "3", remaining: "2", reset: "20" },
      { limit: "3", remaining: "1", reset: "40" },
      { limit: "3", remaining: "0", reset: "60" },
    ]);

    const refused = await me(key);
    expect429(refused, 3);
    expect(refused.headers.get("retry-after")).toBe("20");
    expect(refused.headers.get("www-authenticate")).toBeNull();

    t += 19_000;
    expect429(await me(key), 3);

    t += 1_000;
    const again = await me(key);
    expect(again.status, again.text).toBe(200);
    expect(rl(again)).toEqual({ limit: "3", remaining: "0", reset: "60" });
    expect429(await me(key), 3);
  });

  it("limits each key on its own: an exhausted key does not starve a sibling", async () => {
    const a = await partnerWithKey({ ratelimitPerMinute: 1 });
    const b = await callRoute(keysRoute.POST, { path: "/api/v1/keys", cookie: a.cookie, body: { name: "sibling", scopes: ["read:keys"], ratelimitPerMinute: 1 } });
    expect((await me(a.key)).status).toBe(200);
    expect429(await me(a.key), 1);
    expect((await me(b.body.key)).status).toBe(200);
  });

  it("spends a token on failing requests too (a 422, a scope miss), and says 429 before anything else once empty", async () => {
    const { key } = await partnerWithKey({ ratelimitPerMinute: 3 });
    const invalid = await callRoute(keysRoute.GET, { path: "/api/v1/keys?status=bogus", bearer: key });
    expect(invalid.status).toBe(422);
    expect(rl(invalid).remaining).toBe("2");
    const noScope = await callRoute(keysRoute.POST, { path: "/api/v1/keys", bearer: key, body: { name: "x", scopes: ["read:keys"] } });
    expectProblem(noScope, 403, "INSUFFICIENT_SCOPE");
    expect(rl(noScope).remaining).toBe("1");
    expect((await me(key)).status).toBe(200);
    // Empty: even the request that would be refused for its scope now gets 429.
    expect429(await callRoute(keysRoute.POST, { path: "/api/v1/keys", bearer: key, body: { name: "x", scopes: ["read:keys"] } }), 3);
  });

  it("gives a premium partner's key the premium tier's 10000/min", async () => {
    const { key, created } = await partnerWithKey({}, "premium");
    expect(created.ratelimitPerMinute).toBe(10000);
    const res = await me(key);
    expect(res.status).toBe(200);
    expect(rl(res)).toMatchObject({ limit: "10000", remaining: "9999" });

    const standard = await partnerWithKey();
    expect(rl(await me(standard.key))).toMatchObject({ limit: "1000", remaining: "999" });
  });

  it("a per-key limit only lowers the tier's: above it is refused, and a downgrade caps an existing key", async () => {
    const premium = await partnerWithKey({ ratelimitPerMinute: 5000 }, "premium");
    expect(rl(await me(premium.key)).limit).toBe("5000");

    const tooHigh = await callRoute(keysRoute.POST, {
      path: "/api/v1/keys",
      cookie: premium.cookie,
      body: { name: "greedy", scopes: ["read:keys"], ratelimitPerMinute: 10001 },
    });
    expectProblem(tooHigh, 422, "VALIDATION_FAILED");
    expect(tooHigh.body.errors[0].path).toBe("ratelimitPerMinute");

    // The partner drops to standard: the key's own 5000 may not raise the tier's 1000.
    await db().update(partners).set({ tier: "standard" }).where(eq(partners.id, premium.partner.id));
    clearKeyCache();
    expect(rl(await me(premium.key)).limit).toBe("1000");
    const listed = await callRoute(keysRoute.GET, { path: "/api/v1/keys", cookie: premium.cookie });
    expect(listed.body.data.find((k: { id: string }) => k.id === premium.id)).toMatchObject({ ratelimitPerMinute: 1000, customRatelimit: true });
  });

  it("POST /keys/verify reports {limit, remaining, reset}, spends the key's bucket, and says RATE_LIMITED when it is empty", async () => {
    const { key, id, partner, cookie } = await partnerWithKey({ ratelimitPerMinute: 3 });
    const first = await verify(cookie, key);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ valid: true, keyId: id, partnerId: partner.id, scopes: ["read:keys"], ratelimit: { limit: 3, remaining: 2, reset: 20 } });
    // Verification and real calls share one bucket.
    expect(rl(await me(key))).toMatchObject({ remaining: "1" });
    expect((await verify(cookie, key)).body.ratelimit).toEqual({ limit: 3, remaining: 0, reset: 60 });

    const empty = await verify(cookie, key);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ valid: false, code: "RATE_LIMITED", keyId: id, ratelimit: { limit: 3, remaining: 0 } });
    expect429(await me(key), 3);

    t += 20_000;
    expect((await verify(cookie, key)).body).toMatchObject({ valid: true, ratelimit: { remaining: 0 } });
  });
});

// ---------------------------------------------------------------------------
// The same checks against a real Redis, shared by two stores as two app
// instances would share it. An unreachable Redis fails these tests rather than
// skipping them: a silent skip would hide a broken shared limiter.

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** A fallback that records use: Redis must answer every take itself. */
class ForbiddenFallback implements RateLimitStore {
  calls = 0;
  private readonly inner = new MemoryRateLimitStore();
  take(key: string, limit: number, cost?: number): Promise<RateLimitResult> {
    this.calls++;
    return this.inner.take(key, limit, cost);
  }
}

describe("rate limits with a real Redis shared by two app instances", () => {
  const prefix = `portico-test:keys-rl:${randomUUID()}:`;
  let admin: Redis;
  let stores: Array<{ store: RedisRateLimitStore; fallback: ForbiddenFallback }> = [];

  const instance = () => {
    const fallback = new ForbiddenFallback();
    const made = { store: new RedisRateLimitStore({ url: REDIS_URL, prefix, fallback, timeoutMs: 500 }), fallback };
    stores.push(made);
    return made;
  };

  beforeAll(async () => {
    admin = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
    admin.on("error", () => undefined);
    await admin.connect().catch((err: Error) => {
      throw new Error(`Redis at ${REDIS_URL} is required for these tests: ${err.message}`);
    });
  });

  afterEach(async () => {
    setRateLimiterForTests(undefined);
    for (const s of stores) expect(s.fallback.calls, "a take fell back to memory: Redis did not answer").toBe(0);
    await Promise.all(stores.map((s) => s.store.close()));
    stores = [];
  });

  afterAll(async () => {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length) await admin.del(...keys);
    await admin.quit();
  });

  it("counts down 2,1,0 for a 3/min key and refuses the 4th with 429, keeping the bucket in Redis", async () => {
    const a = instance();
    setRateLimiterForTests(a.store);
    const { key, id } = await partnerWithKey({ ratelimitPerMinute: 3 });
    const results = [await me(key), await me(key), await me(key)];
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results.map((r) => rl(r).limit)).toEqual(["3", "3", "3"]);
    expect(results.map((r) => rl(r).remaining)).toEqual(["2", "1", "0"]);
    const refused = await me(key);
    expect429(refused, 3);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(20);
    expect(await admin.exists(`${prefix}key:${id}`)).toBe(1);
  });

  it("shares one bucket between two instances: 2 calls via A + 1 via B exhaust a limit of 3, then both refuse", async () => {
    const a = instance();
    const b = instance();
    const { key } = await partnerWithKey({ ratelimitPerMinute: 3 });

    setRateLimiterForTests(a.store);
    expect(rl(await me(key)).remaining).toBe("2");
    expect(rl(await me(key)).remaining).toBe("1");
    setRateLimiterForTests(b.store);
    const third = await me(key);
    expect(third.status).toBe(200);
    expect(rl(third).remaining).toBe("0");

    expect429(await me(key), 3);
    setRateLimiterForTests(a.store);
    expect429(await me(key), 3);
  });

  it("POST /keys/verify spends the shared bucket and reports RATE_LIMITED when it is empty", async () => {
    const a = instance();
    const b = instance();
    const { key, id, cookie } = await partnerWithKey({ ratelimitPerMinute: 3 });
    setRateLimiterForTests(a.store);
    const first = await verify(cookie, key);
    expect(first.body).toMatchObject({ valid: true, keyId: id, ratelimit: { limit: 3, remaining: 2 } });
    expect(first.body.ratelimit.reset).toBeGreaterThanOrEqual(19);
    expect(first.body.ratelimit.reset).toBeLessThanOrEqual(20);
    setRateLimiterForTests(b.store);
    expect((await verify(cookie, key)).body.ratelimit).toMatchObject({ remaining: 1 });
    expect(rl(await me(key)).remaining).toBe("0");
    setRateLimiterForTests(a.store);
    const empty = await verify(cookie, key);
    expect(empty.body).toMatchObject({ valid: false, code: "RATE_LIMITED", ratelimit: { limit: 3, remaining: 0 } });
  });
});
