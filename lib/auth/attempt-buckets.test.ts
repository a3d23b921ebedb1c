import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryRateLimitStore } from "@/lib/ratelimit/memory-store";
import { setRateLimiterForTests } from "@/lib/ratelimit/rate-limiter";
import { RedisRateLimitStore } from "@/lib/ratelimit/redis-store";
import type { RateLimitStore } from "@/lib/ratelimit/types";
import { useTestRedis } from "@/lib/testing/test-redis";
import { emailBucketId, ipBucketId, type AttemptRules } from "./attempt-buckets";
import { SIGNIN_RULES, startSigninAttempt } from "./signin-throttle";
import { SIGNUP_RULES, takeSignupAttempt } from "./signup-throttle";

// The sign-in and sign-up throttles, against each store they run on: memory
// (the default) and Redis (REDIS_URL), where every instance shares the buckets.
// An unreachable Redis fails the suite (see useTestRedis).
const { url: REDIS_URL, prefix } = useTestRedis("auth");

// Small numbers so the tests run quickly; the shipped rules are checked separately.
const rules: AttemptRules = {
  email: { limit: 3, periodMs: 60 * 60_000 },
  ip: { limit: 5, periodMs: 60 * 60_000 },
  unknownIp: { limit: 8, periodMs: 60 * 60_000 },
};

let seq = 0;
const email = () => `who-${randomUUID()}@example.test`;
const ip = () => `198.51.100.${++seq % 250}`;

async function failSignin(e: string, addr: string | null, r = rules) {
  const a = await startSigninAttempt(e, addr, r);
  if (!a.allowed) return a;
  await a.fail();
  return a;
}

type StoreKind = { name: string; make: () => RateLimitStore; close: (s: RateLimitStore) => Promise<void> };

// Redis must answer every call: an answer from a local fallback would hide a broken shared throttle.
const noFallback: RateLimitStore = {
  take: () => Promise.reject(new Error("the Redis store fell back to local buckets")),
};
const redisStore = () => new RedisRateLimitStore({ url: REDIS_URL, prefix, timeoutMs: 500, fallback: noFallback });

const kinds: StoreKind[] = [
  { name: "memory store", make: () => new MemoryRateLimitStore(), close: async () => undefined },
  {
    name: "Redis store",
    make: redisStore,
    close: (s) => s.close!(),
  },
];

describe.each(kinds)("sign-in throttle on the $name", (kind) => {
  let store: RateLimitStore;
  const use = () => {
    store = kind.make();
    setRateLimiterForTests(store);
  };
  afterEach(async () => {
    setRateLimiterForTests(undefined);
    await kind.close(store);
  });

  it("locks an email after its failures, from whatever addresses they came, and not its neighbours", async () => {
    use();
    const target = email();
    for (let i = 0; i < 3; i++) expect((await failSignin(target, ip())).allowed).toBe(true);
    const locked = await startSigninAttempt(target, ip(), rules);
    expect(locked).toEqual({ allowed: false, retryAfterSeconds: 1200 }); // one failure back every 20 min
    // Case and spaces are the same address.
    expect((await startSigninAttempt(`  ${target.toUpperCase()} `, ip(), rules)).allowed).toBe(false);
    expect((await startSigninAttempt(email(), ip(), rules)).allowed).toBe(true);
  });

  it("locks a client address spraying one password over many emails; other addresses go on", async () => {
    use();
    const sprayer = ip();
    for (let i = 0; i < 5; i++) expect((await failSignin(email(), sprayer)).allowed).toBe(true);
    expect((await startSigninAttempt(email(), sprayer, rules)).allowed).toBe(false);
    expect((await startSigninAttempt(email(), ip(), rules)).allowed).toBe(true);
  });

  it("counts an IPv6 /64 as one address", async () => {
    use();
    const net = `2001:db8:${(++seq).toString(16)}:1`;
    for (let i = 1; i <= 5; i++) await failSignin(email(), `${net}::${i.toString(16)}`);
    expect((await startSigninAttempt(email(), `${net}:ffff:ffff:ffff:ffff`, rules)).allowed).toBe(false);
    expect((await startSigninAttempt(email(), `2001:db8:${(++seq).toString(16)}:1::1`, rules)).allowed).toBe(true);
  });

  it("puts every caller of unknown address in one shared bucket", async () => {
    use();
    for (let i = 0; i < 8; i++) await failSignin(email(), null);
    expect((await startSigninAttempt(email(), null, rules)).allowed).toBe(false);
    expect((await startSigninAttempt(email(), ip(), rules)).allowed).toBe(true);
  });

  it("charges nothing for successful sign-ins, so a busy office behind one address is not locked out", async () => {
    use();
    const office = ip();
    const user = email();
    for (let i = 0; i < 20; i++) {
      const a = await startSigninAttempt(user, office, rules);
      expect(a.allowed).toBe(true);
      if (a.allowed) a.finish();
    }
  });

  it("admits no more parallel attempts than there are failures left to count", async () => {
    use();
    const target = email();
    const attempts = await Promise.all(Array.from({ length: 12 }, () => startSigninAttempt(target, ip(), rules)));
    const admitted = attempts.filter((a) => a.allowed);
    expect(admitted).toHaveLength(3);
    await Promise.all(admitted.map((a) => a.allowed && a.fail()));
    expect((await startSigninAttempt(target, ip(), rules)).allowed).toBe(false);
  });

  it("gives a failure back once its share of the period has passed", async () => {
    use();
    const fast: AttemptRules = { ...rules, email: { limit: 4, periodMs: 1_000 } }; // one back every 250 ms
    const target = email();
    for (let i = 0; i < 4; i++) await failSignin(target, ip(), fast);
    expect((await startSigninAttempt(target, ip(), fast)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect((await failSignin(target, ip(), fast)).allowed).toBe(true);
    expect((await startSigninAttempt(target, ip(), fast)).allowed).toBe(false);
  });
});

describe.each(kinds)("sign-up throttle on the $name", (kind) => {
  let store: RateLimitStore;
  afterEach(async () => {
    setRateLimiterForTests(undefined);
    await kind.close(store);
  });

  it("counts every attempt per email and per address, whatever the outcome", async () => {
    store = kind.make();
    setRateLimiterForTests(store);
    const target = email();
    for (let i = 0; i < 3; i++) expect((await takeSignupAttempt(target, ip(), rules)).allowed).toBe(true);
    const refused = await takeSignupAttempt(target, ip(), rules);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);

    const mass = ip();
    for (let i = 0; i < 5; i++) expect((await takeSignupAttempt(email(), mass, rules)).allowed).toBe(true);
    expect((await takeSignupAttempt(email(), mass, rules)).allowed).toBe(false);
    expect((await takeSignupAttempt(email(), ip(), rules)).allowed).toBe(true);
  });
});

describe("two app instances on one Redis", () => {
  it("share the sign-in buckets", async () => {
    const a = redisStore();
    const b = redisStore();
    try {
      const target = email();
      setRateLimiterForTests(a);
      for (let i = 0; i < 3; i++) await failSignin(target, ip());
      setRateLimiterForTests(b);
      expect((await startSigninAttempt(target, ip(), rules)).allowed).toBe(false);
      expect((await startSigninAttempt(email(), ip(), rules)).allowed).toBe(true);
    } finally {
      setRateLimiterForTests(undefined);
      await a.close();
      await b.close();
    }
  });
});

describe("bucket names and the shipped rules", () => {
  it("never hold an email in clear, and group IPv6 by /64", () => {
    expect(emailBucketId(" Ann@Example.test ")).toBe(emailBucketId("ann@example.test"));
    expect(emailBucketId("ann@example.test")).toMatch(/^[0-9a-f]{32}$/);
    expect(ipBucketId("203.0.113.9")).toBe("203.0.113.9");
    expect(ipBucketId("2001:db8:0:1::5")).toBe("2001:db8:0:1::/64");
    expect(ipBucketId("2001:0db8:0000:0001:ffff::")).toBe("2001:db8:0:1::/64");
    expect(ipBucketId("::1")).toBe("0:0:0:0::/64");
  });

  it("slow guessing at one account to a few hundred a day, and spraying from one address too", () => {
    const perDay = (r: { limit: number; periodMs: number }) => r.limit + (r.limit * (86_400_000 - r.periodMs)) / r.periodMs;
    expect(perDay(SIGNIN_RULES.email)).toBeLessThanOrEqual(250);
    expect(perDay(SIGNIN_RULES.ip)).toBeLessThanOrEqual(1_250);
    expect(SIGNUP_RULES.email.limit).toBeLessThanOrEqual(5);
    expect(SIGNUP_RULES.ip.limit).toBeLessThanOrEqual(20);
  });
});
