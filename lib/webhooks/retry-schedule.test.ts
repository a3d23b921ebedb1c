import { describe, expect, it } from "vitest";
import { nextAttemptDelaySeconds } from "./retry-schedule";

const opts = { delays: [0, 120, 240, 480, 960], maxAttempts: 5 };

describe("retry schedule", () => {
  it("follows the configured delays: at once, +2, +4, +8, +16 minutes", () => {
    expect([1, 2, 3, 4].map((n) => nextAttemptDelaySeconds(n, opts))).toEqual([120, 240, 480, 960]);
  });
  it("gives up after the last attempt", () => {
    expect(nextAttemptDelaySeconds(5, opts)).toBeNull();
  });
  it("honours a later Retry-After, never an earlier one", () => {
    expect(nextAttemptDelaySeconds(1, { ...opts, retryAfterSeconds: 600 })).toBe(600);
    expect(nextAttemptDelaySeconds(1, { ...opts, retryAfterSeconds: 5 })).toBe(120);
  });
  it("reuses the last delay when there are more attempts than delays", () => {
    expect(nextAttemptDelaySeconds(7, { delays: [0, 10], maxAttempts: 9 })).toBe(10);
  });
});
