import { describe, expect, it } from "vitest";
import { MemoryRateLimitStore } from "./memory-store";

function clockedStore(opts: { maxKeys?: number } = {}) {
  const clock = { now: 0 };
  const store = new MemoryRateLimitStore({ now: () => clock.now, ...opts });
  return { store, clock };
}

async function takeMany(store: MemoryRateLimitStore, key: string, limit: number, n: number) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await store.take(key, limit));
  return results;
}

describe("MemoryRateLimitStore", () => {
  it("allows `limit` requests from a full bucket, then denies with Retry-After", async () => {
    const { store } = clockedStore();
    const results = await takeMany(store, "k", 60, 61);
    expect(results.filter((r) => r.allowed)).toHaveLength(60);
    expect(results[59]).toEqual({ allowed: true, limit: 60, remaining: 0, resetSeconds: 60, retryAfterSeconds: 0 });
    expect(results[60]).toEqual({ allowed: false, limit: 60, remaining: 0, resetSeconds: 60, retryAfterSeconds: 1 });
  });

  it("gives a drained 60/min bucket exactly one more request after one second", async () => {
    const { store, clock } = clockedStore();
    await takeMany(store, "k", 60, 60);
    clock.now = 1_000;
    const [second, third] = await takeMany(store, "k", 60, 2);
    expect(second.allowed).toBe(true);
    expect(third.allowed).toBe(false);
  });

  it("tells a denied caller how long until the tokens it needs are back", async () => {
    const { store, clock } = clockedStore();
    await takeMany(store, "k", 10, 10); // 10/min: a token every 6 s
    clock.now = 2_000;
    expect((await store.take("k", 10)).retryAfterSeconds).toBe(4);
    expect((await store.take("k", 10, 3)).retryAfterSeconds).toBe(16); // 2.67 tokens short
  });

  it("charges `cost` tokens per request", async () => {
    const { store } = clockedStore();
    expect(await store.take("k", 10, 4)).toMatchObject({ allowed: true, remaining: 6 });
    expect(await store.take("k", 10, 4)).toMatchObject({ allowed: true, remaining: 2 });
    expect(await store.take("k", 10, 4)).toMatchObject({ allowed: false, remaining: 2, retryAfterSeconds: 12 });
    expect(await store.take("k", 10, 0)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("keeps separate keys independent", async () => {
    const { store } = clockedStore();
    await takeMany(store, "a", 3, 3);
    expect((await store.take("a", 3)).allowed).toBe(false);
    expect(await store.take("b", 3)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("applies a lowered per-key limit at once, without carrying over the old balance", async () => {
    const { store } = clockedStore();
    await takeMany(store, "k", 100, 10); // 90 left under the tier limit
    const lowered = await store.take("k", 20);
    expect(lowered).toMatchObject({ allowed: true, limit: 20, remaining: 19 });
    const rest = await takeMany(store, "k", 20, 20);
    expect(rest.filter((r) => r.allowed)).toHaveLength(19);
  });

  it("is atomic under concurrent callers", async () => {
    const { store } = clockedStore();
    const results = await Promise.all(Array.from({ length: 200 }, () => store.take("k", 50)));
    expect(results.filter((r) => r.allowed)).toHaveLength(50);
  });

  it("keeps at most maxKeys buckets, evicting the least recently used", async () => {
    const { store } = clockedStore({ maxKeys: 3 });
    for (const key of ["a", "b", "c"]) await takeMany(store, key, 2, 2);
    await store.take("a", 2); // a is now the most recent
    await store.take("d", 2); // evicts b
    expect(store.size).toBe(3);
    expect((await store.take("a", 2)).allowed).toBe(false);
    expect((await store.take("c", 2)).allowed).toBe(false);
    expect((await store.take("b", 2)).allowed).toBe(true); // forgotten, so full again
  });

  it("holds no bucket for a key whose bucket is full", async () => {
    const { store, clock } = clockedStore();
    await store.take("peek", 10, 0);
    expect(store.size).toBe(0);
    await store.take("idle", 10);
    clock.now = 60_000; // every bucket is full a minute after its last use
    await store.take("busy", 10);
    expect(store.size).toBe(1);
  });

  it("refills over a longer period when asked, and keeps such a bucket while it is not full", async () => {
    const { store, clock } = clockedStore();
    const hour = { periodMs: 3_600_000 };
    await takeMany(store, "slow", 2, 2);
    expect(await store.take("slow", 2, 1, hour)).toMatchObject({ allowed: true, remaining: 1 }); // its own bucket: a period is part of a bucket's identity
    expect(await store.take("slow", 2, 1, hour)).toMatchObject({ allowed: true, remaining: 0 });
    expect(await store.take("slow", 2, 1, hour)).toMatchObject({ allowed: false, retryAfterSeconds: 1800 });
    clock.now = 60_000; // a minute later: the one-minute bucket is gone, the hour bucket is still owed
    await store.take("other", 10);
    expect((await store.take("slow", 2, 1, hour)).allowed).toBe(false);
    clock.now = 1_800_000;
    expect((await store.take("slow", 2, 1, hour)).allowed).toBe(true);
    expect((await store.take("slow", 2, 1, hour)).allowed).toBe(false);
  });

  it("counts buckets of every period against maxKeys", async () => {
    const { store } = clockedStore({ maxKeys: 2 });
    await store.take("a", 2);
    await store.take("b", 2, 1, { periodMs: 3_600_000 });
    await store.take("c", 2, 1, { periodMs: 3_600_000 }); // evicts b, the least recent of its own period
    expect(store.size).toBe(2);
    expect(await store.take("a", 2, 0)).toMatchObject({ remaining: 1 });
    expect(await store.take("b", 2, 0, { periodMs: 3_600_000 })).toMatchObject({ remaining: 2 });
  });

  it("rejects a cost larger than the whole bucket", async () => {
    const { store } = clockedStore();
    await expect(store.take("k", 5, 6)).rejects.toThrow(RangeError);
  });
});
