import { describe, expect, it } from "vitest";
import { paceForMonth, projectCalls } from "./usage-trend";

describe("projectCalls", () => {
  it("extends the least-squares line through the closed months", () => {
    // 100, 130, 190: ȳ = 140 at x = 1, slope 45.
    expect([0, 1, 2].map((k) => projectCalls([100, 130, 190], 0, k))).toEqual([230, 275, 320]);
    // Two points: the line through them.
    expect([0, 1].map((k) => projectCalls([100, 150], 0, k))).toEqual([200, 250]);
    // A flat history stays flat.
    expect(projectCalls([500, 500, 500], 0, 7)).toBe(500);
  });

  it("rounds once, half away from zero, and never goes below zero", () => {
    // 1, 2, 4: ȳ = 7/3, slope 3/2 → x = 3: 7/3 + 3 = 5.33 → 5; x = 4: 6.83 → 7.
    expect(projectCalls([1, 2, 4], 0, 0)).toBe(5);
    expect(projectCalls([1, 2, 4], 0, 1)).toBe(7);
    // 1, 2, 2: ȳ = 5/3, slope 1/2 → x = 3: 2.67 → 3.
    expect(projectCalls([1, 2, 2], 0, 0)).toBe(3);
    // A half: 0, 2, 1: ȳ = 1, slope 1/2 → x = 4: 2.5 → 3.
    expect(projectCalls([0, 2, 1], 0, 1)).toBe(3);
    expect(projectCalls([9_000, 4_000, 1_000], 0, 0)).toBe(0);
    expect(projectCalls([3, 0], 0, 0)).toBe(0);
  });

  it("repeats the only closed month, or takes this month's pace without any", () => {
    expect(projectCalls([42], 999, 3)).toBe(42);
    expect(projectCalls([], 999, 3)).toBe(999);
    expect(projectCalls([], -5, 0)).toBe(0);
  });

  it("keeps exact integers for large counts", () => {
    const big = [3_000_000_000_001, 3_000_000_000_003, 3_000_000_000_005];
    expect(projectCalls(big, 0, 0)).toBe(3_000_000_000_007);
  });
});

describe("paceForMonth", () => {
  it("scales the calls so far to the whole month, from at least one day", () => {
    expect(paceForMonth(29_000, 14.5 * 86_400_000, 30)).toBe(60_000);
    // An hour into the month counts as a day.
    expect(paceForMonth(1_000, 3_600_000, 31)).toBe(31_000);
    expect(paceForMonth(0, 10 * 86_400_000, 30)).toBe(0);
  });
});
