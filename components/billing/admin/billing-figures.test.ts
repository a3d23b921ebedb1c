import { describe, expect, it } from "vitest";
import { daysOverdue, isFinished, lastMonth, moneyChartRows, runProgress, totalsByCurrency } from "./billing-figures";

describe("periods", () => {
  it("defaults a run to the month before, across a year end", () => {
    expect(lastMonth(new Date("2026-12-05T10:00:00Z"))).toBe("2026-11");
    expect(lastMonth(new Date("2027-01-01T00:00:00Z"))).toBe("2026-12");
    expect(lastMonth(new Date("2026-03-31T23:59:59Z"))).toBe("2026-02");
  });
});

describe("daysOverdue", () => {
  const due = "2026-12-01T00:00:00.000Z";
  it("counts whole days since the due time, never below 0", () => {
    expect(daysOverdue(due, new Date("2026-11-30T12:00:00Z"))).toBe(0);
    expect(daysOverdue(due, new Date("2026-12-01T23:59:59Z"))).toBe(0);
    expect(daysOverdue(due, new Date("2026-12-02T00:00:00Z"))).toBe(1);
    expect(daysOverdue(due, new Date("2026-12-31T06:00:00Z"))).toBe(30);
  });
});

describe("runProgress", () => {
  it("is indeterminate until the run knows how many partners it has", () => {
    expect(runProgress({ status: "pending", totalPartners: null, processedPartners: 0 })).toEqual({ percent: null, label: "Waiting to start", done: false });
    expect(runProgress({ status: "running", totalPartners: null, processedPartners: 0 })).toEqual({ percent: null, label: "Counting partners…", done: false });
  });

  it("counts processed partners, rounding down so 100% means finished", () => {
    expect(runProgress({ status: "running", totalPartners: 40, processedPartners: 12 })).toEqual({ percent: 30, label: "12 of 40 partners", done: false });
    expect(runProgress({ status: "running", totalPartners: 3, processedPartners: 2 })).toEqual({ percent: 66, label: "2 of 3 partners", done: false });
    expect(runProgress({ status: "succeeded", totalPartners: 1, processedPartners: 1 })).toEqual({ percent: 100, label: "1 of 1 partner", done: true });
    expect(runProgress({ status: "succeeded", totalPartners: 0, processedPartners: 0 })).toEqual({ percent: 100, label: "0 of 0 partners", done: true });
    expect(runProgress({ status: "failed", totalPartners: 10, processedPartners: 4 }).done).toBe(true);
  });

  it("stops polling only on an outcome", () => {
    expect(isFinished(undefined)).toBe(false);
    expect(isFinished({ status: "running" })).toBe(false);
    expect(isFinished({ status: "pending" })).toBe(false);
    expect(isFinished({ status: "failed" })).toBe(true);
    expect(isFinished({ status: "succeeded" })).toBe(true);
  });
});

describe("moneyChartRows", () => {
  it("puts closed months first, then forecast months in their own series", () => {
    const rows = moneyChartRows({
      history: [
        { period: "2026-11", invoicedCents: 120_000, collectedCents: 90_000, payoutsCents: 30_000 },
        { period: "2026-10", invoicedCents: 100_000, collectedCents: 100_000, payoutsCents: 0 },
      ],
      months: [
        { period: "2026-11", invoicedCents: 1, payoutsCents: 1 },
        { period: "2026-12", invoicedCents: 130_000, payoutsCents: 35_000 },
      ],
    });
    expect(rows).toEqual([
      { period: "2026-10", label: "Oct 2026", forecast: false, invoiced: 100_000, collected: 100_000, payouts: 0, invoicedForecast: null, payoutsForecast: null },
      { period: "2026-11", label: "Nov 2026", forecast: false, invoiced: 120_000, collected: 90_000, payouts: 30_000, invoicedForecast: null, payoutsForecast: null },
      { period: "2026-12", label: "Dec 2026 (forecast)", forecast: true, invoiced: null, collected: null, payouts: null, invoicedForecast: 130_000, payoutsForecast: 35_000 },
    ]);
  });
});

describe("totalsByCurrency", () => {
  it("counts, and sums in cents per currency without adding one currency to another", () => {
    expect(
      totalsByCurrency([
        { amountCents: 1999, currency: "USD" },
        { amountCents: 5000, currency: "EUR" },
        { amountCents: 1, currency: "USD" },
      ]),
    ).toEqual({ count: 3, totals: [{ currency: "EUR", totalCents: 5000 }, { currency: "USD", totalCents: 2000 }] });
    expect(totalsByCurrency([])).toEqual({ count: 0, totals: [] });
  });
});
