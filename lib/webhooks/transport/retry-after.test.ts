import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after";

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-03-01T12:00:00Z");

  it.each([
    [undefined, null],
    ["", null],
    ["120", 120],
    [" 0 ", 0],
    ["Sat, 01 Mar 2025 12:01:30 GMT", 90],
    ["Sat, 01 Mar 2025 11:00:00 GMT", 0], // in the past
    ["-5", null],
    ["1.5", null],
    ["soon", null],
    ["12abc", null],
  ])("%j → %j", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
