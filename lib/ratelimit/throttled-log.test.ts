import { describe, expect, it } from "vitest";
import { ThrottledLog } from "./throttled-log";

describe("ThrottledLog", () => {
  it("writes at most one line per interval", () => {
    const clock = { now: 0 };
    const lines: string[] = [];
    const log = new ThrottledLog(30_000, (m) => lines.push(m), () => clock.now);
    expect(log.log("first")).toBe(true);
    clock.now = 29_999;
    expect(log.log("suppressed")).toBe(false);
    clock.now = 30_000;
    log.log("second");
    expect(lines).toEqual(["first", "second"]);
  });
});
