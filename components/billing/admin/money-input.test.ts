import { describe, expect, it } from "vitest";
import { bpsToPercent, centsToDollars, parseCount, parseDollars, parsePercent } from "./money-input";

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : `error: ${r.message}`);

describe("parseDollars", () => {
  it("turns dollars into exact integer cents", () => {
    expect(value(parseDollars("0.1"))).toBe(10);
    expect(value(parseDollars("12"))).toBe(1200);
    expect(value(parseDollars("12.5"))).toBe(1250);
    expect(value(parseDollars("19.99"))).toBe(1999); // 19.99 × 100 is 1998.9999999999998 in floats
    expect(value(parseDollars("0.29"))).toBe(29); // 0.29 × 100 is 28.999999999999996
    expect(value(parseDollars("1,234.56"))).toBe(123456);
    expect(value(parseDollars("$ 1,000"))).toBe(100000);
    expect(value(parseDollars(".5"))).toBe(50);
    expect(value(parseDollars("7."))).toBe(700);
    expect(value(parseDollars("  0  "))).toBe(0);
    expect(value(parseDollars("10000000000"))).toBe(1_000_000_000_000);
    expect(value(parseDollars("5", 500))).toBe(500);
  });

  it("refuses what is not a whole number of cents, with a reason", () => {
    expect(value(parseDollars("12.345"))).toBe("error: Use at most 2 decimals: amounts are whole cents.");
    expect(value(parseDollars(""))).toBe("error: Required.");
    expect(value(parseDollars("  "))).toBe("error: Required.");
    expect(value(parseDollars("-1"))).toBe("error: Enter an amount of 0 or more.");
    expect(value(parseDollars("1e3"))).toBe("error: Enter an amount in dollars, e.g. 12.50.");
    expect(value(parseDollars("."))).toBe("error: Enter an amount in dollars, e.g. 12.50.");
    expect(value(parseDollars("12,34"))).toBe("error: Enter an amount in dollars, e.g. 12.50.");
    expect(value(parseDollars("1.2.3"))).toBe("error: Enter an amount in dollars, e.g. 12.50.");
    expect(value(parseDollars("10000000000.01"))).toBe("error: Use $10,000,000,000 or less.");
  });
});

describe("parsePercent", () => {
  it("turns percents into basis points exactly", () => {
    expect(value(parsePercent("2.5"))).toBe(250);
    expect(value(parsePercent("8.25"))).toBe(825);
    expect(value(parsePercent("0.01"))).toBe(1);
    expect(value(parsePercent("20%"))).toBe(2000);
    expect(value(parsePercent("100"))).toBe(10_000);
    expect(value(parsePercent("0"))).toBe(0);
    expect(value(parsePercent("14.35"))).toBe(1435); // 14.35 × 100 is 1434.9999999999998
  });

  it("refuses finer steps and more than 100%", () => {
    expect(value(parsePercent("2.555"))).toBe("error: Use at most 2 decimals: rates are in steps of 0.01%.");
    expect(value(parsePercent("100.01"))).toBe("error: Use 100% or less.");
    expect(value(parsePercent("-3"))).toBe("error: Enter a percentage of 0 or more.");
    expect(value(parsePercent("abc"))).toBe("error: Enter a percentage, e.g. 2.5.");
  });
});

describe("parseCount", () => {
  it("reads whole numbers, with or without separators", () => {
    expect(value(parseCount("10,000"))).toBe(10_000);
    expect(value(parseCount("250000"))).toBe(250_000);
    expect(value(parseCount("5.0"))).toBe(5);
    expect(value(parseCount("1.5"))).toBe("error: Enter a whole number.");
    expect(value(parseCount("ten"))).toBe("error: Enter a whole number, e.g. 10000.");
    expect(value(parseCount("1000000000001"))).toBe("error: Use 1,000,000,000,000 or less.");
  });
});

describe("back into the fields", () => {
  it("writes cents and basis points so they read back the same", () => {
    expect(centsToDollars(10)).toBe("0.10");
    expect(centsToDollars(123456)).toBe("1234.56");
    expect(centsToDollars(0)).toBe("0.00");
    expect(bpsToPercent(250)).toBe("2.5");
    expect(bpsToPercent(825)).toBe("8.25");
    expect(bpsToPercent(1000)).toBe("10");
    expect(bpsToPercent(5)).toBe("0.05");
    for (const cents of [1, 99, 1999, 100_000_000_001]) expect(value(parseDollars(centsToDollars(cents)))).toBe(cents);
    for (const bps of [1, 50, 250, 1435, 10_000]) expect(value(parsePercent(bpsToPercent(bps)))).toBe(bps);
  });
});
