import { describe as group, expect, it } from "vitest";
import { assertValidTake, describe, refill, take, TOKEN_SCALE, type BucketState } from "./token-bucket";

// Runs takes at the given instants against one bucket, returning each outcome.
function run(capacity: number, steps: Array<{ at: number; cost?: number }>) {
  let state: BucketState | undefined;
  return steps.map(({ at, cost = 1 }) => {
    const next = take(state, at, capacity, cost);
    state = next.state;
    return describe(next.state.scaledTokens, next.allowed, capacity, cost);
  });
}

const times = (n: number, at: number) => Array.from({ length: n }, () => ({ at }));

group("token bucket", () => {
  it("starts full: allows `limit` requests at once, then denies", () => {
    const results = run(5, times(6, 0));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
  });

  it("refills a 60/min bucket by exactly one token per second", () => {
    const results = run(60, [...times(60, 0), { at: 999 }, { at: 1000 }, { at: 1000 }]);
    expect(results.slice(60).map((r) => r.allowed)).toEqual([false, true, false]);
  });

  it("adds fractional refills up exactly (three thirds make a whole token)", () => {
    // 60/min: 333 + 333 + 334 ms of refill is one token, not 0.999….
    const results = run(60, [...times(60, 0), { at: 333 }, { at: 666 }, { at: 1000 }]);
    expect(results.slice(60).map((r) => r.allowed)).toEqual([false, false, true]);
  });

  it("never fills past capacity, however long the bucket idles", () => {
    const [, late] = run(10, [{ at: 0 }, { at: 10 * 60_000 }]);
    expect(late.remaining).toBe(9);
  });

  it("does not mint tokens when the clock steps back", () => {
    let state: BucketState | undefined;
    for (let i = 0; i < 60; i++) state = take(state, 10_000, 60, 1).state;
    state = refill(state, 5_000, 60); // clock jumps back 5 s
    const after = refill(state, 10_000, 60); // and returns to where it was
    expect(after.scaledTokens).toBe(0);
  });

  it("charges `cost` tokens and denies a request it cannot afford without spending anything", () => {
    const results = run(10, [{ at: 0, cost: 4 }, { at: 0, cost: 4 }, { at: 0, cost: 4 }, { at: 0, cost: 2 }]);
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 6],
      [true, 2],
      [false, 2],
      [true, 0],
    ]);
  });

  it("clamps a bucket to a lowered capacity and refills at the new rate", () => {
    let state = take(undefined, 0, 100, 10).state; // 90 left of 100
    state = refill(state, 0, 20);
    expect(state.scaledTokens).toBe(20 * TOKEN_SCALE);
  });

  it("rejects limits and costs that cannot make sense", () => {
    expect(() => assertValidTake(0, 1)).toThrow(RangeError);
    expect(() => assertValidTake(1.5, 1)).toThrow(RangeError);
    expect(() => assertValidTake(10, -1)).toThrow(RangeError);
    expect(() => assertValidTake(10, 11)).toThrow(/cost/);
    expect(() => assertValidTake(10, 0)).not.toThrow();
  });

  it("refills a bucket with a longer period over that period, with the same integer maths", () => {
    const HOUR = 3_600_000;
    let state = take(undefined, 0, 10, 10, HOUR).state; // all 10 spent
    expect(take(state, 0, 10, 1, HOUR).allowed).toBe(false);
    expect(describe(state.scaledTokens, false, 10, 1, HOUR)).toMatchObject({ remaining: 0, retryAfterSeconds: 360, resetSeconds: 3600 });
    state = refill(state, 359_999, 10, HOUR);
    expect(take(state, 359_999, 10, 1, HOUR).allowed).toBe(false); // one token every 6 minutes
    const later = take(state, 360_000, 10, 1, HOUR);
    expect(later.allowed).toBe(true);
    expect(later.state.scaledTokens).toBe(0);
    // A one-minute bucket (the default) is untouched by the change.
    expect(describe(59 * TOKEN_SCALE, true, 60, 1, 60_000)).toEqual(describe(59 * TOKEN_SCALE, true, 60, 1));
  });

  it("rejects periods out of range, and limits too large for the period", () => {
    expect(() => assertValidTake(10, 1, 999)).toThrow(/period/);
    expect(() => assertValidTake(10, 1, 1.5e3 + 0.5)).toThrow(/period/);
    expect(() => assertValidTake(10, 1, 8 * 24 * 3_600_000)).toThrow(/period/);
    expect(() => assertValidTake(1_000_000_000, 1, 3_600_000)).toThrow(RangeError);
    expect(() => assertValidTake(1_000_000, 1, 3_600_000)).not.toThrow();
  });
});

group("describe", () => {
  it("reports remaining, seconds to full and no retry for an allowed request", () => {
    // 60/min, one taken: one token short of full, which takes 1 s to refill.
    expect(describe(59 * TOKEN_SCALE, true, 60, 1)).toEqual({
      allowed: true,
      limit: 60,
      remaining: 59,
      resetSeconds: 1,
      retryAfterSeconds: 0,
    });
  });

  it("rounds partial seconds up and partial tokens down", () => {
    // 10/min refills one token every 6 s; 2.5 tokens held.
    const r = describe(2.5 * TOKEN_SCALE, false, 10, 3);
    expect(r.remaining).toBe(2);
    expect(r.resetSeconds).toBe(45); // 7.5 tokens × 6 s
    expect(r.retryAfterSeconds).toBe(3); // 0.5 token × 6 s
  });

  it("asks an empty 60/min bucket to wait one second and reset in a minute", () => {
    expect(describe(0, false, 60, 1)).toMatchObject({ remaining: 0, resetSeconds: 60, retryAfterSeconds: 1 });
  });

  it("never says retry in 0 s when denied, even a millisecond short", () => {
    const almost = 1 * TOKEN_SCALE - 1;
    expect(describe(almost, false, 60_000, 1).retryAfterSeconds).toBe(1);
  });

  it("reports a full bucket as resetting now", () => {
    expect(describe(60 * TOKEN_SCALE, true, 60, 0).resetSeconds).toBe(0);
  });
});
