import { describe, expect, it } from "vitest";
import { htmlText as text, renderWithQueries as render, type QuerySeed as Seed } from "@/components/testing/render-views";
import { InvoicesList } from "./invoices-list";
import { PayoutPage } from "./payout-page";
import { PayoutsView } from "./payouts-view";
import { ThisPeriod } from "./this-period";
import type { Forecast, Invoice, Payout, PayoutBalance, PayoutStatement, UpcomingInvoice } from "./types";
import { UpcomingInvoiceCard } from "./upcoming-invoice-card";

// The billing views rendered with their queries already answered (as the API would), so what a
// partner sees for each answer (rows, empty states, the no-plan state) is checked without a browser.




/** The text of the table row carrying `data-testid="<id>"`. */
function rowText(html: string, id: string): string {
  const m = new RegExp(`<tr[^>]*data-testid="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  if (!m) throw new Error(`no row ${id}`);
  return text(m[1]);
}

const invoice = (over: Partial<Invoice>): Invoice => ({
  id: "22222222-2222-4222-8222-222222222222",
  number: "PRT-202604-000042",
  partnerId: "33333333-3333-4333-8333-333333333333",
  period: "2026-04",
  status: "open",
  currency: "USD",
  lines: [],
  subtotalCents: 10_000,
  taxCents: 825,
  totalCents: 10_825,
  issuedAt: "2026-05-01T00:00:00.000Z",
  dueAt: "2026-05-31T00:00:00.000Z",
  paidAt: null,
  paymentReference: null,
  voidedAt: null,
  voidReason: null,
  runId: null,
  createdAt: "2026-05-01T00:00:00.000Z",
  ...over,
});

const page = <T,>(data: T[]) => ({ data, nextCursor: null });

describe("InvoicesList", () => {
  it("links each invoice to its page, with status, total and dates; an overdue due date in red", () => {
    const rows = [
      invoice({ status: "overdue" }),
      invoice({ id: "44444444-4444-4444-8444-444444444444", number: "PRT-202603-000007", period: "2026-03", status: "paid", totalCents: 990 }),
    ];
    const html = render(<InvoicesList />, [[["billing", "invoices", {}, undefined], page(rows)]]);
    expect(html).toContain('<table aria-label="Invoices"');
    expect(html).toContain('href="/invoices/22222222-2222-4222-8222-222222222222"');
    expect(html).toContain('href="/invoices/44444444-4444-4444-8444-444444444444"');
    expect(rowText(html, "invoice-row-PRT-202604-000042")).toBe("PRT-202604-000042 April 2026 overdue : past its due date and not paid $108.25 May 1, 2026 May 31, 2026");
    expect(html).toContain('<span class="font-medium text-red-700">May 31, 2026</span>');
    expect(text(html)).toContain("PRT-202603-000007 March 2026 paid $9.90");
  });

  it("keeps the status filter in the URL and asks the API for it", () => {
    const html = render(<InvoicesList />, [[["billing", "invoices", { status: "overdue" }, undefined], page([invoice({ status: "overdue" })])]], "?status=overdue");
    expect(html).toMatch(/aria-pressed="true"[^>]*>Overdue<\/button>/);
    expect(html).toContain("PRT-202604-000042");
  });

  it("says when the first invoice comes, with no invoices at all", () => {
    const html = render(<InvoicesList />, [[["billing", "invoices", {}, undefined], page([])]]);
    expect(text(html)).toContain("No invoices yet Your first invoice is issued on the 1st of next month");
  });

  it("says nothing matches a filter, rather than that there are no invoices", () => {
    const html = render(<InvoicesList />, [[["billing", "invoices", { status: "void" }, undefined], page([])]], "?status=void");
    expect(text(html)).toContain("No void invoices");
    expect(text(html)).not.toContain("No invoices yet");
  });
});

const upcoming: UpcomingInvoice = {
  partnerId: "33333333-3333-4333-8333-333333333333",
  period: "2026-05",
  currency: "USD",
  lines: [{ kind: "flat_fee", description: "Platform fee, monthly", quantity: 1, unitAmountCents: 9_900, amountCents: 9_900, metadata: {} }],
  subtotalCents: 9_900,
  taxCents: 0,
  totalCents: 9_900,
  billableCalls: 2_500,
  includedCalls: 10_000,
  includedCallsLeft: 7_500,
  projected: { billableCalls: 12_400, totalCents: 10_796, method: "2500 billable calls in 6 of 31 days, extended at the same daily pace" },
  asOf: "2026-05-07T12:00:00.000Z",
};

describe("UpcomingInvoiceCard", () => {
  it("shows the period so far, its total and the projected end-of-month total", () => {
    const html = text(render(<UpcomingInvoiceCard />, [[["billing", "upcoming"], upcoming]]));
    expect(html).toContain("Upcoming invoice · May 2026");
    expect(html).toContain("It is issued on Jun 1, 2026");
    expect(html).toContain("Billable calls so far 2,500");
    expect(html).toContain("Total so far $99.00");
    expect(html).toContain("Projected end-of-month total $107.96 12,400 billable calls at this pace");
    expect(html).toContain("Upcoming invoice lines so far");
  });

  it("says the partner has no plan yet when the API answers 404 (null)", () => {
    const html = text(render(<UpcomingInvoiceCard />, [[["billing", "upcoming"], null]]));
    expect(html).toContain("No pricing plan yet");
    expect(html).not.toContain("Total so far");
  });
});

const forecast: Forecast = {
  mrrCents: 9_900,
  arrCents: 118_800,
  method: "flat fees plus the usage trend",
  months: [
    { period: "2026-06", invoicedCents: 10_000, payoutsCents: 2_500 },
    { period: "2026-07", invoicedCents: 10_100, payoutsCents: 0 },
    { period: "2026-08", invoicedCents: 10_200, payoutsCents: 3_000 },
  ],
  history: [],
};

describe("ThisPeriod", () => {
  it("shows billable calls, included calls left as a bar, the projected cost and the forecast's numbers", () => {
    const html = render(<ThisPeriod />, [
      [["billing", "upcoming"], upcoming],
      [["billing", "forecast", 3], forecast],
    ]);
    expect(text(html)).toContain("This period · May 2026");
    expect(text(html)).toContain("Billable calls to date 2,500");
    expect(text(html)).toContain("Included calls left 7,500");
    expect(html).toContain('aria-valuetext="2,500 of 10,000 included calls used, 7,500 left"');
    expect(text(html)).toContain("Projected end-of-month cost $107.96 $99.00 so far");
    expect(text(html)).toContain("June 2026 $100.00 $25.00 July 2026 $101.00 $0.00 August 2026 $102.00 $30.00");
  });

  it("shows the no-plan state, and still the forecast", () => {
    const html = text(render(<ThisPeriod />, [
      [["billing", "upcoming"], null],
      [["billing", "forecast", 3], forecast],
    ]));
    expect(html).toContain("No pricing plan yet");
    expect(html).toContain("Forecast, next 3 months");
  });
});

const payout = (over: Partial<Payout>): Payout => ({
  id: "55555555-5555-4555-8555-555555555555",
  partnerId: "33333333-3333-4333-8333-333333333333",
  period: "2026-04",
  status: "paid",
  grossCents: 10_000,
  platformShareCents: 2_000,
  carriedForwardCents: 1_200,
  amountCents: 9_200,
  currency: "USD",
  reference: "WIRE-42",
  paidAt: "2026-05-03T09:00:00.000Z",
  failureReason: null,
  failedAt: null,
  provider: "manual",
  createdAt: "2026-05-01T00:00:00.000Z",
  ...over,
});

const statement = (over: Partial<PayoutStatement>): PayoutStatement => ({
  id: "66666666-6666-4666-8666-666666666666",
  partnerId: "33333333-3333-4333-8333-333333333333",
  period: "2026-04",
  currency: "USD",
  grossCents: 10_000,
  revenueShareBps: 2_000,
  platformShareCents: 2_000,
  carriedInCents: 1_200,
  netCents: 9_200,
  carriedOutCents: 0,
  payoutId: "55555555-5555-4555-8555-555555555555",
  lines: [],
  createdAt: "2026-05-01T00:00:00.000Z",
  ...over,
});

const balance: PayoutBalance = { partnerId: "33333333-3333-4333-8333-333333333333", balanceCents: 1_234, currency: "USD", minimumCents: 2_500 };

describe("PayoutsView", () => {
  const seeds = (payouts: Payout[], statements: PayoutStatement[]): Seed[] => [
    [["billing", "balance"], balance],
    [["billing", "payouts", {}, undefined], page(payouts)],
    [["billing", "statements", {}, undefined], page(statements)],
  ];

  it("shows the balance carried forward and the payout minimum", () => {
    const html = text(render(<PayoutsView />, seeds([], [])));
    expect(html).toContain("Balance carried forward $12.34");
    expect(html).toContain("Payouts are sent when your balance reaches $25.00.");
  });

  it("lists payouts with their figures, a paid one's date and reference, a failed one's reason", () => {
    const html = render(
      <PayoutsView />,
      seeds(
        [payout({}), payout({ id: "77777777-7777-4777-8777-777777777777", period: "2026-03", status: "failed", reference: null, paidAt: null, failureReason: "IBAN rejected" })],
        [],
      ),
    );
    expect(html).toContain('<table aria-label="Payouts"');
    expect(html).toContain('href="/payouts/55555555-5555-4555-8555-555555555555"');
    expect(rowText(html, "payout-row-2026-04")).toBe("April 2026 paid $100.00 $20.00 $12.00 $92.00 Paid May 3, 2026 · ref. WIRE-42");
    expect(rowText(html, "payout-row-2026-03")).toBe("March 2026 failed $100.00 $20.00 $12.00 $92.00 Failed: IBAN rejected. The amount is back in your balance.");
    expect(html).toContain('<span class="font-medium text-red-700">Failed: IBAN rejected. The amount is back in your balance.</span>');
  });

  it("lists statements: paid out as a payout, or carried forward", () => {
    const html = render(
      <PayoutsView />,
      seeds([], [statement({}), statement({ id: "88888888-8888-4888-8888-888888888888", period: "2026-03", grossCents: 1_500, platformShareCents: 300, carriedInCents: 0, netCents: 1_200, carriedOutCents: 1_200, payoutId: null })]),
    );
    expect(html).toContain('<table aria-label="Payout statements"');
    expect(rowText(html, "statement-row-2026-04")).toBe("April 2026 $100.00 $20.00 (20%) $12.00 $92.00 Paid out as a payout of $92.00");
    expect(html).toMatch(/<a[^>]*href="\/payouts\/55555555-5555-4555-8555-555555555555"[^>]*>Paid out as a payout of \$92\.00<\/a>/);
    expect(rowText(html, "statement-row-2026-03")).toBe("March 2026 $15.00 $3.00 (20%) $0.00 $12.00 Carried forward: $12.00");
  });

  it("has an empty state for each list, naming the minimum", () => {
    const html = text(render(<PayoutsView />, seeds([], [])));
    expect(html).toContain("No payouts yet");
    expect(html).toContain("A month whose net is below $25.00 is carried forward instead of paid.");
    expect(html).toContain("No statements yet");
  });
});

describe("PayoutPage", () => {
  it("shows the payout's figures and the statement of its month, by listing", () => {
    const line = { listingId: "l1", listingName: "Claims Sync", monthlyPriceCents: 4_900, installs: 2, installDays: 45, daysInPeriod: 30, grossCents: 7_350 };
    const html = render(<PayoutPage payout={payout({})} />, [
      [["billing", "payout", "55555555-5555-4555-8555-555555555555"], payout({})],
      [["billing", "statements", "2026-04", 12], page([statement({ grossCents: 7_350, platformShareCents: 1_470, carriedInCents: 0, netCents: 5_880, lines: [line] })])],
    ]);
    expect(text(html)).toContain("Payout · April 2026 paid");
    expect(text(html)).toContain("Gross from paid listings $100.00 Platform share − $20.00 Carried forward from earlier months + $12.00 Payout amount $92.00");
    expect(text(html)).toContain("Paid May 3, 2026 · ref. WIRE-42");
    expect(html).toContain('<caption class="sr-only">Gross by listing, April 2026</caption>');
    expect(text(html)).toContain("Claims Sync 2 45 $49.00 $73.50");
    expect(text(html)).toContain("Gross $73.50 Platform share (20%) − $14.70 Carried in + $0.00 Net $58.80");
    expect(text(html)).toContain("Paid out as a payout of $58.80.");
    // On the payout's own page the statement does not link back to it.
    expect(html).not.toMatch(/<a[^>]*>Paid out as/);
  });
});
