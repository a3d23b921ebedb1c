import { assertValidTake, describe, FULL_REFILL_MS, isFull, take, type BucketState } from "./token-bucket";
import type { RateLimitResult, RateLimitStore } from "./types";

const DEFAULT_MAX_KEYS = 100_000;

// Per-process buckets. The Map is kept in least-recently-used order (a touched
// key is re-inserted at the end), so its head holds the buckets idle longest.
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly buckets = new Map<string, BucketState>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(opts: { now?: () => number; maxKeys?: number } = {}) {
    this.now = opts.now ?? Date.now;
    this.maxKeys = opts.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  async take(key: string, limitPerMinute: number, cost = 1): Promise<RateLimitResult> {
    assertValidTake(limitPerMinute, cost);
    const now = this.now();
    const next = take(this.buckets.get(key), now, limitPerMinute, cost);
    this.buckets.delete(key);
    // A full bucket is the same as no bucket, so it costs no memory.
    if (!isFull(next.state, limitPerMinute)) this.buckets.set(key, next.state);
    this.dropIdle(now);
    return describe(next.state.scaledTokens, next.allowed, limitPerMinute, cost);
  }

  /** How many buckets are held; for tests and metrics. */
  get size(): number {
    return this.buckets.size;
  }

  private dropIdle(now: number): void {
    // Every bucket is full a minute after its last use, so the idle head can go
    // without knowing its capacity. Each bucket is dropped at most once per
    // insertion, which keeps this O(1) amortised.
    for (const [key, state] of this.buckets) {
      if (now - state.ts < FULL_REFILL_MS) break;
      this.buckets.delete(key);
    }
    // Evicting a bucket hands its owner a full one: a bounded leniency for the
    // least-recent caller, in exchange for bounded memory under a key flood.
    while (this.buckets.size > this.maxKeys) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
  }
}
