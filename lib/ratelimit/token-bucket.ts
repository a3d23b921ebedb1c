import type { RateLimitResult } from "./types";

// Tokens are kept as integers scaled by 60 000: a bucket of capacity C then
// gains exactly C units per millisecond, so every step is integer arithmetic.
// Floats would drift (three thirds of a token making 0.999…), and the Redis
// Lua script (redis-take-script.ts) must reach the very same numbers.
export const TOKEN_SCALE = 60_000;

// Any bucket, whatever its capacity, refills from empty to full in one minute.
export const FULL_REFILL_MS = 60_000;

// Keeps scaled tokens below 1e14, which Lua prints without losing digits when
// it writes them back to Redis.
export const MAX_LIMIT_PER_MINUTE = 1_000_000_000;

export type BucketState = {
  scaledTokens: number; // tokens × TOKEN_SCALE, an integer
  ts: number; // ms of the last refill
};

export function assertValidTake(limitPerMinute: number, cost: number): void {
  if (!Number.isInteger(limitPerMinute) || limitPerMinute < 1 || limitPerMinute > MAX_LIMIT_PER_MINUTE) {
    throw new RangeError(`rate limit must be a whole number of requests per minute from 1 to ${MAX_LIMIT_PER_MINUTE}, got ${limitPerMinute}`);
  }
  if (!Number.isInteger(cost) || cost < 0 || cost > limitPerMinute) {
    throw new RangeError(`rate limit cost must be a whole number from 0 to the limit (${limitPerMinute}), got ${cost}`);
  }
}

export function fullScaled(capacity: number): number {
  return capacity * TOKEN_SCALE;
}

/** The bucket as it stands at `now`; a missing bucket is a full one. */
export function refill(state: BucketState | undefined, now: number, capacity: number): BucketState {
  const full = fullScaled(capacity);
  if (!state) return { scaledTokens: full, ts: now };
  // A clock that steps back must not hand out tokens twice for the same span,
  // so the bucket keeps its later timestamp and gains nothing.
  const elapsed = Math.min(Math.max(0, now - state.ts), FULL_REFILL_MS);
  // min() also clamps a bucket whose capacity was lowered since it was filled.
  return { scaledTokens: Math.min(full, state.scaledTokens + elapsed * capacity), ts: Math.max(state.ts, now) };
}

export function take(
  state: BucketState | undefined,
  now: number,
  capacity: number,
  cost: number,
): { state: BucketState; allowed: boolean } {
  const current = refill(state, now, capacity);
  const price = cost * TOKEN_SCALE;
  if (current.scaledTokens < price) return { state: current, allowed: false };
  return { state: { scaledTokens: current.scaledTokens - price, ts: current.ts }, allowed: true };
}

export function isFull(state: BucketState, capacity: number): boolean {
  return state.scaledTokens >= fullScaled(capacity);
}

export function msUntilFull(scaledTokens: number, capacity: number): number {
  return Math.ceil(Math.max(0, fullScaled(capacity) - scaledTokens) / capacity);
}

/** The caller-facing numbers for a bucket holding `scaledTokens` after the take. */
export function describe(scaledTokens: number, allowed: boolean, capacity: number, cost: number): RateLimitResult {
  const unitsPerSecond = capacity * 1000;
  const missing = cost * TOKEN_SCALE - scaledTokens;
  return {
    allowed,
    limit: capacity,
    remaining: Math.floor(scaledTokens / TOKEN_SCALE),
    resetSeconds: Math.ceil(Math.max(0, fullScaled(capacity) - scaledTokens) / unitsPerSecond),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(missing / unitsPerSecond)),
  };
}
