import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { MemoryRateLimitStore } from "./memory-store";
import { getRateLimiter, setRateLimiterForTests } from "./rate-limiter";
import { RedisRateLimitStore } from "./redis-store";

const savedRedisUrl = process.env.REDIS_URL;

function useEnv(redisUrl: string | undefined) {
  if (redisUrl === undefined) delete process.env.REDIS_URL;
  else process.env.REDIS_URL = redisUrl;
  resetConfigForTests();
  setRateLimiterForTests(undefined);
}

afterEach(() => useEnv(savedRedisUrl));

describe("getRateLimiter", () => {
  it("keeps buckets in memory when REDIS_URL is unset, one store per process", () => {
    useEnv(undefined);
    expect(getRateLimiter()).toBeInstanceOf(MemoryRateLimitStore);
    expect(getRateLimiter()).toBe(getRateLimiter());
  });

  it("uses Redis when REDIS_URL is set", () => {
    // Connects lazily, so no Redis is needed to build it.
    useEnv("redis://127.0.0.1:6379");
    expect(getRateLimiter()).toBeInstanceOf(RedisRateLimitStore);
  });

  it("lets a test install its own store, and go back", async () => {
    useEnv(undefined);
    const mine = new MemoryRateLimitStore({ now: () => 0 });
    setRateLimiterForTests(mine);
    expect(getRateLimiter()).toBe(mine);
    setRateLimiterForTests(undefined);
    expect(getRateLimiter()).not.toBe(mine);
  });
});
