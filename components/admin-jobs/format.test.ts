import { describe, expect, it } from "vitest";
import { describeCron, formatDuration, formatSummary } from "./format";

describe("admin jobs wording", () => {
  it("words the registry's crons and leaves others as they are", () => {
    expect(describeCron("* * * * *")).toBe("Every minute");
    expect(describeCron("*/5 * * * *")).toBe("Every 5 minutes");
    expect(describeCron("7 * * * *")).toBe("Hourly at :07");
    expect(describeCron("17 3 * * *")).toBe("Daily at 03:17 UTC");
    expect(describeCron("0 2 1 * *")).toBe("Monthly on day 1 at 02:00 UTC");
    expect(describeCron("0 9 * * 1-5")).toBe("0 9 * * 1-5");
  });

  it("formats durations and summaries", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(240)).toBe("240 ms");
    expect(formatDuration(1500)).toBe("1.5 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(formatSummary({ checked: 4, healthy: 3 })).toBe("checked 4 · healthy 3");
    expect(formatSummary({})).toBe("—");
    expect(formatSummary(null)).toBe("—");
  });
});
