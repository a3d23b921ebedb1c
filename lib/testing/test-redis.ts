import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";

/**
 * A real Redis for a test file: REDIS_URL (CI provides one) or the local default, a key prefix of
 * its own, and an admin connection to inspect keys. A silent skip would hide a broken limiter, so
 * an unreachable Redis fails the suite; the file's keys are deleted afterwards.
 */
export function useTestRedis(area: string) {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `portico-test:${area}:${randomUUID()}:`;
  let admin: Redis;

  beforeAll(async () => {
    admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
    admin.on("error", () => undefined);
    try {
      await admin.connect();
      await admin.ping();
    } catch (err) {
      throw new Error(`these tests need a running Redis at ${url} (set REDIS_URL): ${(err as Error).message}`);
    }
  });

  afterAll(async () => {
    if (admin?.status !== "ready") return admin?.disconnect();
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length) await admin.del(...keys);
    await admin.quit();
  });

  return { url, prefix, admin: () => admin };
}
