import type { RateLimitResult } from "./types";

// Tokens are kept as integers scaled by the bucket's period in ms (60 000 for
// the default one-minute period): a bucket of capacity C then gains exactly C
// units per millisecond, so every step is integer arithmetic. Floats would
// drift (three thirds of a token making 0.999…), and the Redis Lua script
// (redis-take-script.ts) must reach the very same numbers.
export const TOKEN_SCALE = 60_000;

// A bucket, whatever its capacity, refills from empty to full in its period:
// one minute unless the caller names another (API keys: requests per minute;
// sign-in throttles: failures per hour).
export const FULL_REFILL_MS = 60_000;
export const MIN_PERIOD_MS = 1_000;
export const MAX_PERIOD_MS = 7 * 24 * 60 * 60 * 1000;

// Keeps scaled tokens below 1e14, which Lua prints without losing digits when
// it writes them back to Redis.
export const MAX_LIMIT_PER_MINUTE = 1_000_000_000;
const MAX_SCALED = MAX_LIMIT_PER_MINUTE * TOKEN_SCALE;

export type BucketState = {
  scaledTokens: number; // tokens × period in ms (TOKEN_SCALE for a minute), an integer
  ts: number; // ms of the last refill
};

export function assertValidTake(limitPerMinute: number, cost: number, periodMs = FULL_REFILL_MS): void {
  if (!Number.isInteger(periodMs) || periodMs < MIN_PERIOD_MS || periodMs > MAX_PERIOD_MS) {
    throw new RangeError(`rate limit period must be a whole number of ms from ${MIN_PERIOD_MS} to ${MAX_PERIOD_MS}, got ${periodMs}`);
  }
  const maxLimit = Math.floor(MAX_SCALED / periodMs);
  if (!Number.isInteger(limitPerMinute) || limitPerMinute < 1 || limitPerMinute > maxLimit) {
    const per = periodMs === FULL_REFILL_MS ? "minute" : `${periodMs} ms`;
    throw new RangeError(`rate limit must be a whole number of requests per ${per} from 1 to ${maxLimit}, got ${limitPerMinute}`);
  }
  if (!Number.isInteger(cost) || cost < 0 || cost > limitPerMinute) {
    throw new RangeError(`rate limit cost must be a whole number from 0 to the limit (${limitPerMinute}), got ${cost}`);
  }
}

export function fullScaled(capacity: number, periodMs = FULL_REFILL_MS): number {
  return capacity * periodMs;
}

/** The bucket as it stands at `now`; a missing bucket is a full one. */
export function refill(state: BucketState | undefined, now: number, capacity: number, periodMs = FULL_REFILL_MS): BucketState {
  const full = fullScaled(capacity, periodMs);
  if (!state) return { scaledTokens: full, ts: now };
  // A clock that steps back must not hand out tokens twice for the same span,
  // so the bucket keeps its later timestamp and gains nothing.
  const elapsed = Math.min(Math.max(0, now - state.ts), periodMs);
  // min() also clamps a bucket whose capacity was lowered since it was filled.
  return { scaledTokens: Math.min(full, state.scaledTokens + elapsed * capacity), ts: Math.max(state.ts, now) };
}

export function take(
  state: BucketState | undefined,
  now: number,
  capacity: number,
  cost: number,
  periodMs = FULL_REFILL_MS,
): { state: BucketState; allowed: boolean } {
  const current = refill(state, now, capacity, periodMs);
  const price = cost * periodMs;
  if (current.scaledTokens < price) return { state: current, allowed: false };
  return { state: { scaledTokens: current.scaledTokens - price, ts: current.ts }, allowed: true };
}

export function isFull(state: BucketState, capacity: number, periodMs = FULL_REFILL_MS): boolean {
  return state.scaledTokens >= fullScaled(capacity, periodMs);
}

export function msUntilFull(scaledTokens: number, capacity: number, periodMs = FULL_REFILL_MS): number {
  return Math.ceil(Math.max(0, fullScaled(capacity, periodMs) - scaledTokens) / capacity);
}

/** The caller-facing numbers for a bucket holding `scaledTokens` after the take. */
export function describe(scaledTokens: number, allowed: boolean, capacity: number, cost: number, periodMs = FULL_REFILL_MS): RateLimitResult {
  const unitsPerSecond = capacity * 1000;
  const missing = cost * periodMs - scaledTokens;
  return {
    allowed,
    limit: capacity,
    remaining: Math.floor(scaledTokens / periodMs),
    resetSeconds: Math.ceil(Math.max(0, fullScaled(capacity, periodMs) - scaledTokens) / unitsPerSecond),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(missing / unitsPerSecond)),
  };
}
