import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestRedis } from "@/lib/testing/test-redis";
import { MemoryRateLimitStore } from "./memory-store";
import { RedisRateLimitStore } from "./redis-store";
import { TcpProxy, unusedPort } from "./testing/tcp-proxy";
import type { RateLimitResult, RateLimitStore } from "./types";

// Runs against a real Redis; an unreachable one fails the suite (see useTestRedis).
const redis = useTestRedis("rl");
const { url: REDIS_URL, prefix } = redis;

// The fallback, counted, so a test can tell which store answered.
class CountingStore implements RateLimitStore {
  calls = 0;
  private readonly inner = new MemoryRateLimitStore();
  take(key: string, limit: number, cost?: number): Promise<RateLimitResult> {
    this.calls++;
    return this.inner.take(key, limit, cost);
  }
}

let open: RedisRateLimitStore[] = [];
let proxies: TcpProxy[] = [];

function store(url = REDIS_URL) {
  const fallback = new CountingStore();
  const s = new RedisRateLimitStore({ url, prefix, fallback, timeoutMs: 100 });
  open.push(s);
  return { store: s, fallback };
}

/** A store whose connection is up, proven by one answer from Redis. */
async function connectedStore(url = REDIS_URL) {
  const made = store(url);
  await made.store.take("warm-up", 1, 0);
  expect(made.fallback.calls).toBe(0);
  return made;
}

async function proxyToRedis() {
  const target = new URL(REDIS_URL);
  const proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
  await proxy.start();
  proxies.push(proxy);
  const url = new URL(REDIS_URL);
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  return { proxy, url: url.toString() };
}

const allowedCount = (results: RateLimitResult[]) => results.filter((r) => r.allowed).length;

beforeEach(() => {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});

afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  await Promise.all(proxies.map((p) => p.stop()));
  open = [];
  proxies = [];
  vi.restoreAllMocks();
});

describe("RedisRateLimitStore against Redis", () => {
  it("allows exactly `limit` of 200 concurrent requests", async () => {
    const { store: s, fallback } = await connectedStore();
    const results = await Promise.all(Array.from({ length: 200 }, () => s.take("burst", 50)));
    expect(allowedCount(results)).toBe(50);
    // Each allowed request saw a different balance: no two spent the same token.
    expect(new Set(results.filter((r) => r.allowed).map((r) => r.remaining)).size).toBe(50);
    expect(fallback.calls).toBe(0);
  });

  it("shares one bucket between two app instances", async () => {
    const a = await connectedStore();
    const b = await connectedStore();
    expect(await a.store.take("shared", 10, 4)).toMatchObject({ allowed: true, remaining: 6 });
    expect(await b.store.take("shared", 10, 4)).toMatchObject({ allowed: true, remaining: 2 });
    expect(await a.store.take("shared", 10, 4)).toMatchObject({ allowed: false, remaining: 2 });

    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a.store : b.store).take("shared-burst", 60)),
    );
    expect(allowedCount(results)).toBe(60);
    expect(a.fallback.calls + b.fallback.calls).toBe(0);
  });

  it("reports the same headers maths as the memory store", async () => {
    const { store: s } = await connectedStore();
    expect(await s.take("maths", 60)).toEqual({ allowed: true, limit: 60, remaining: 59, resetSeconds: 1, retryAfterSeconds: 0 });
    await s.take("maths", 60, 59);
    expect(await s.take("maths", 60)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
  });

  it("refills on Redis's clock", async () => {
    const { store: s } = await connectedStore();
    await s.take("refill", 600, 600); // 10 tokens a second, all spent
    expect((await s.take("refill", 600)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 150));
    expect((await s.take("refill", 600)).allowed).toBe(true);
  });

  it("keeps a bucket only until it would be full again", async () => {
    const { store: s } = await connectedStore();
    await s.take("ttl", 60);
    const key = `${prefix}ttl`;
    expect(Object.keys(await redis.admin().hgetall(key)).sort()).toEqual(["tokens", "ts"]);
    const oneToken = await redis.admin().pttl(key);
    expect(oneToken).toBeGreaterThan(0);
    expect(oneToken).toBeLessThanOrEqual(1_000);

    await s.take("ttl", 60, 59);
    expect(await redis.admin().pttl(key)).toBeGreaterThan(58_000);

    await s.take("untouched", 60, 0);
    expect(await redis.admin().exists(`${prefix}untouched`)).toBe(0);

    await s.take("fast", 60_000); // 1 000 tokens a second: full again in 1 ms
    await new Promise((r) => setTimeout(r, 20));
    expect(await redis.admin().exists(`${prefix}fast`)).toBe(0);
  });

  it("refills over a longer period when asked, with the memory store's numbers", async () => {
    const { store: s, fallback } = await connectedStore();
    const hour = { periodMs: 3_600_000 };
    expect(await s.take("hourly", 10, 10, hour)).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 3600 });
    expect(await s.take("hourly", 10, 1, hour)).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 360 });
    const ttl = await redis.admin().pttl(`${prefix}hourly@3600000`);
    expect(ttl).toBeGreaterThan(3_590_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
    // The same key with the default period is another bucket, full again within a minute.
    expect(await s.take("hourly", 10, 10)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await redis.admin().pttl(`${prefix}hourly`)).toBeLessThanOrEqual(60_000);
    expect(fallback.calls).toBe(0);
  });

  it("rejects a cost larger than the bucket instead of falling back", async () => {
    const { store: s, fallback } = await connectedStore();
    await expect(s.take("big", 5, 6)).rejects.toThrow(RangeError);
    expect(fallback.calls).toBe(0);
  });
});

describe("RedisRateLimitStore when Redis goes away", () => {
  it("answers quickly from local limits when nothing listens, warning once", async () => {
    const { store: s, fallback } = store(`redis://127.0.0.1:${await unusedPort()}`);
    const started = performance.now();
    const first = await s.take("down", 3);
    expect(performance.now() - started).toBeLessThan(500);
    const rest = [];
    for (let i = 0; i < 9; i++) rest.push(await s.take("down", 3));
    expect(performance.now() - started).toBeLessThan(500);

    expect(allowedCount([first, ...rest])).toBe(3);
    expect(fallback.calls).toBe(10);
    expect(console.warn).toHaveBeenCalledTimes(1);
  });

  it("answers within the timeout when Redis stops responding, and uses it again once it does", async () => {
    const { proxy, url } = await proxyToRedis();
    const { store: s, fallback } = await connectedStore(url);
    proxy.freeze();
    const started = performance.now();
    expect((await s.take("hung", 5)).allowed).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
    expect(fallback.calls).toBe(1);
    // Straight to the fallback for a while, not one timeout per request.
    const again = performance.now();
    await s.take("hung", 5);
    expect(performance.now() - again).toBeLessThan(50);

    proxy.thaw();
    await vi.waitFor(
      async () => {
        const before = fallback.calls;
        await s.take("hung", 5, 0);
        expect(fallback.calls).toBe(before);
      },
      { timeout: 3_000, interval: 50 },
    );
  });

  it("limits locally while the connection is down and goes back to Redis when it returns", async () => {
    const { proxy, url } = await proxyToRedis();
    const { store: s, fallback } = await connectedStore(url);
    const direct = await connectedStore();
    expect((await s.take("outage", 100, 10)).remaining).toBe(90);

    await proxy.stop();
    const local = [];
    for (let i = 0; i < 4; i++) local.push(await s.take("outage", 3));
    expect(allowedCount(local)).toBe(3); // still limited, by this instance alone
    expect(fallback.calls).toBe(4);

    await proxy.start(); // same port
    await vi.waitFor(
      async () => {
        const before = fallback.calls;
        await s.take("outage", 100, 0);
        expect(fallback.calls).toBe(before);
      },
      { timeout: 3_000, interval: 50 },
    );
    // Back on the bucket from before the outage (a fresh one would leave 90),
    // shared again: another instance sees what this one spends. The bucket
    // refilled a little meanwhile, so allow for one more token.
    const mine = await s.take("outage", 100, 10);
    expect(mine.remaining).toBeLessThan(90);
    const seen = (await direct.store.take("outage", 100, 0)).remaining;
    expect(seen - mine.remaining).toBeGreaterThanOrEqual(0);
    expect(seen - mine.remaining).toBeLessThanOrEqual(1);
    expect(console.info).toHaveBeenCalledWith(expect.stringMatching(/Redis is back/));
  });
});
