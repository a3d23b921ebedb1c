import { assertValidTake, describe, FULL_REFILL_MS, isFull, take, type BucketState } from "./token-bucket";
import type { RateLimitResult, RateLimitStore, TakeOptions } from "./types";

const DEFAULT_MAX_KEYS = 100_000;

// Per-process buckets, one Map per refill period. Each Map is kept in
// least-recently-used order (a touched key is re-inserted at the end), so its
// head holds the buckets idle longest.
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly lanes = new Map<number, Map<string, BucketState>>();
  private readonly now: () => number;
  private readonly maxKeys: number;
  private held = 0;

  constructor(opts: { now?: () => number; maxKeys?: number } = {}) {
    this.now = opts.now ?? Date.now;
    this.maxKeys = opts.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  async take(key: string, limitPerMinute: number, cost = 1, opts: TakeOptions = {}): Promise<RateLimitResult> {
    const periodMs = opts.periodMs ?? FULL_REFILL_MS;
    assertValidTake(limitPerMinute, cost, periodMs);
    const now = this.now();
    let buckets = this.lanes.get(periodMs);
    if (!buckets) this.lanes.set(periodMs, (buckets = new Map()));
    const next = take(buckets.get(key), now, limitPerMinute, cost, periodMs);
    if (buckets.delete(key)) this.held--;
    // A full bucket is the same as no bucket, so it costs no memory.
    if (!isFull(next.state, limitPerMinute, periodMs)) {
      buckets.set(key, next.state);
      this.held++;
    }
    this.dropIdle(now, periodMs, buckets);
    return describe(next.state.scaledTokens, next.allowed, limitPerMinute, cost, periodMs);
  }

  /** How many buckets are held; for tests and metrics. */
  get size(): number {
    return this.held;
  }

  private dropIdle(now: number, periodMs: number, buckets: Map<string, BucketState>): void {
    // Every bucket of a lane is full one period after its last use, so the idle
    // head can go without knowing its capacity. Each bucket is dropped at most
    // once per insertion, which keeps this O(1) amortised.
    for (const [key, state] of buckets) {
      if (now - state.ts < periodMs) break;
      buckets.delete(key);
      this.held--;
    }
    // Evicting a bucket hands its owner a full one: a bounded leniency for the
    // least-recent caller, in exchange for bounded memory under a key flood.
    // The lane being flooded gives way first.
    while (this.held > this.maxKeys) {
      const lane = buckets.size ? buckets : [...this.lanes.values()].find((l) => l.size);
      if (!lane) break;
      lane.delete(lane.keys().next().value as string);
      this.held--;
    }
  }
}
