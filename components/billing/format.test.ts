import { describe, expect, it } from "vitest";
import { crumbsFor } from "@/components/shell/nav";
import {
  axisCents,
  forecastRows,
  formatBps,
  formatDate,
  formatPeriod,
  formatPeriodShort,
  includedCallsUsage,
  invoiceDates,
  issueDateOf,
  minimumSentence,
  statementLines,
  payoutOutcome,
  statementOutcome,
} from "./format";

describe("periods and dates", () => {
  it("names a period by its month", () => {
    expect(formatPeriod("2026-04")).toBe("April 2026");
    expect(formatPeriod("2024-02")).toBe("February 2024");
    expect(formatPeriod("not-a-period")).toBe("not-a-period");
    expect(formatPeriodShort("2026-11")).toBe("Nov 2026");
    expect(formatPeriodShort("not a period")).toBe("not a period");
  });

  it("shows the UTC day, whatever the hour", () => {
    expect(formatDate("2026-04-30T23:59:59.000Z")).toBe("Apr 30, 2026");
    expect(formatDate("2026-05-01T00:00:00.000Z")).toBe("May 1, 2026");
    expect(formatDate("2026-05-01")).toBe("May 1, 2026");
    expect(formatDate(null)).toBe("—");
  });

  it("issues a period's invoice on the 1st of the next month, across a year end", () => {
    expect(issueDateOf("2026-04")).toBe("May 1, 2026");
    expect(issueDateOf("2026-12")).toBe("Jan 1, 2027");
    expect(issueDateOf("x")).toBeNull();
  });

  it("lists an invoice's dates in the order they happen, paid and voided only when they are", () => {
    const base = { issuedAt: "2026-05-01T00:00:00.000Z", dueAt: "2026-05-31T00:00:00.000Z", paidAt: null, voidedAt: null };
    expect(invoiceDates(base)).toEqual([
      { label: "Issued", value: "May 1, 2026" },
      { label: "Due", value: "May 31, 2026" },
    ]);
    expect(invoiceDates({ ...base, paidAt: "2026-05-20T10:00:00.000Z" }).map((d) => `${d.label} ${d.value}`)).toEqual(["Issued May 1, 2026", "Due May 31, 2026", "Paid May 20, 2026"]);
  });

  it("writes basis points as a percentage", () => {
    expect(formatBps(2000)).toBe("20%");
    expect(formatBps(1250)).toBe("12.5%");
    expect(formatBps(0)).toBe("0%");
  });
});

describe("payouts", () => {
  const payout = { status: "paid" as const, reference: "WIRE-42", paidAt: "2026-05-03T09:00:00.000Z", failureReason: null, failedAt: null };

  it("says when and how a payout was paid", () => {
    expect(payoutOutcome(payout)).toEqual({ text: "Paid May 3, 2026 · ref. WIRE-42", tone: "normal" });
    expect(payoutOutcome({ ...payout, reference: null, paidAt: null }).text).toBe("Paid");
  });

  it("gives a failed payout's reason, in the danger tone, and where the money went", () => {
    expect(payoutOutcome({ ...payout, status: "failed", paidAt: null, reference: null, failureReason: "IBAN rejected", failedAt: "2026-05-04T00:00:00.000Z" })).toEqual({
      text: "Failed May 4, 2026: IBAN rejected. The amount is back in your balance.",
      tone: "danger",
    });
  });

  it("says what a payout not sent yet waits for", () => {
    expect(payoutOutcome({ ...payout, status: "pending", paidAt: null }).text).toBe("Waiting to be sent");
    expect(payoutOutcome({ ...payout, status: "processing", paidAt: null }).text).toBe("Being sent");
  });

  it("says what became of a statement's net", () => {
    expect(statementOutcome({ payoutId: "p", carriedOutCents: 0, netCents: 4_250, currency: "USD" })).toEqual({ kind: "paid_out", text: "Paid out as a payout of $42.50" });
    expect(statementOutcome({ payoutId: null, carriedOutCents: 1_234, netCents: 1_234, currency: "EUR" })).toEqual({ kind: "carried_forward", text: "Carried forward: €12.34" });
    expect(statementOutcome({ payoutId: null, carriedOutCents: 0, netCents: 0, currency: "USD" })).toEqual({ kind: "nothing", text: "Nothing to pay out" });
  });

  it("reads a statement's per-listing lines, dropping any that lack a figure", () => {
    const line = { listingId: "l1", listingName: "Claims Sync", monthlyPriceCents: 4_900, installs: 2, installDays: 45, daysInPeriod: 30, grossCents: 7_350 };
    expect(statementLines({ lines: [line, { ...line, grossCents: "7350" }, { ...line, listingName: null }] })).toEqual([
      { listingName: "Claims Sync", installs: 2, installDays: 45, daysInPeriod: 30, monthlyPriceCents: 4_900, grossCents: 7_350 },
      { listingName: "Deleted listing", installs: 2, installDays: 45, daysInPeriod: 30, monthlyPriceCents: 4_900, grossCents: 7_350 },
    ]);
  });

  it("names the payout minimum with formatCents", () => {
    expect(minimumSentence(2_500, "USD")).toBe("Payouts are sent when your balance reaches $25.00.");
  });
});

describe("includedCallsUsage", () => {
  it("counts included calls used and left", () => {
    expect(includedCallsUsage({ billableCalls: 1_234, includedCalls: 10_000, includedCallsLeft: 8_766 })).toEqual({
      included: 10_000,
      used: 1_234,
      left: 8_766,
      percent: 12.3,
      text: "1,234 of 10,000 included calls used, 8,766 left",
    });
  });

  it("is full, not over, once the included calls are spent", () => {
    const u = includedCallsUsage({ billableCalls: 50_000, includedCalls: 10_000, includedCallsLeft: 0 });
    expect([u.used, u.left, u.percent]).toEqual([10_000, 0, 100]);
  });

  it("keeps the bar in range whatever the API sends", () => {
    expect(includedCallsUsage({ billableCalls: 0, includedCalls: 100, includedCallsLeft: 250 })).toMatchObject({ used: 0, left: 100, percent: 0 });
    expect(includedCallsUsage({ billableCalls: 0, includedCalls: 100, includedCallsLeft: -5 })).toMatchObject({ used: 100, left: 0, percent: 100 });
  });

  it("says so when the plan includes no calls", () => {
    expect(includedCallsUsage({ billableCalls: 10, includedCalls: 0, includedCallsLeft: 0 })).toMatchObject({
      included: 0,
      percent: 0,
      text: "Your plan includes no free calls: every billable call is priced.",
    });
  });
});

describe("forecast", () => {
  it("orders the months and labels them for the axis", () => {
    const rows = forecastRows({
      months: [
        { period: "2027-01", invoicedCents: 300, payoutsCents: 30 },
        { period: "2026-12", invoicedCents: 200, payoutsCents: 20 },
      ],
    });
    expect(rows).toEqual([
      { period: "2026-12", label: "Dec 2026", invoicedCents: 200, payoutsCents: 20 },
      { period: "2027-01", label: "Jan 2027", invoicedCents: 300, payoutsCents: 30 },
    ]);
  });

  it("drops the cents of whole amounts on the axis only", () => {
    expect(axisCents(120_000)).toBe("$1,200");
    expect(axisCents(150)).toBe("$1.50");
    expect(axisCents(0)).toBe("$0");
  });
});

describe("billing pages in the nav", () => {
  const id = "6e5d0000-0000-4000-8000-000000000000";
  it("names an invoice and a payout page in the breadcrumbs", () => {
    expect(crumbsFor("partner", `/invoices/${id}`).map((c) => c.label)).toEqual(["Partner portal", "Invoices", "Invoice"]);
    expect(crumbsFor("partner", `/payouts/${id}`).map((c) => c.label)).toEqual(["Partner portal", "Payouts", "Payout"]);
    expect(crumbsFor("partner", "/payouts")).toEqual([{ label: "Partner portal", href: "/dashboard" }, { label: "Payouts" }]);
  });
});
