import { describe, expect, it } from "vitest";
import { formatWaiting, isLongWait, secondsSince } from "./waiting";

describe("formatWaiting", () => {
  it("says minutes, hours, then whole days", () => {
    expect(formatWaiting(20)).toBe("< 1 min");
    expect(formatWaiting(12 * 60 + 5)).toBe("12 min");
    expect(formatWaiting(3 * 3600 + 59 * 60)).toBe("3 h");
    expect(formatWaiting(26 * 3600)).toBe("1 d");
    expect(formatWaiting(2 * 86400 + 5)).toBe("2 d");
  });

  it("flags a wait of more than two days only", () => {
    expect(isLongWait(2 * 86400)).toBe(false);
    expect(isLongWait(2 * 86400 + 1)).toBe(true);
  });

  it("counts from a submission time, and nothing without one", () => {
    expect(secondsSince("2026-01-01T00:00:00.000Z", Date.parse("2026-01-01T03:00:00.000Z"))).toBe(3 * 3600);
    expect(secondsSince(null)).toBeNull();
  });
});
