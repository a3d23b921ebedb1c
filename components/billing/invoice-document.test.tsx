import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { calculateInvoice } from "@/lib/billing/invoice-calculation";
import { ForecastChart } from "./forecast-chart";
import { forecastRows } from "./format";
import { InvoiceDocument } from "./invoice-document";
import { PrintOnlyDocument } from "./print-only-document";
import { InvoiceStatusBadge } from "./status-badges";
import { IncludedCallsBar } from "./this-period";
import type { Invoice } from "./types";

// The invoice document as markup: what it names, that its table has a name, and that its
// lines and totals are the invoice's to the cent.

const calculated = calculateInvoice({
  period: "2026-04",
  billableCalls: 1_000,
  plans: [
    {
      id: "11111111-1111-4111-8111-111111111111",
      model: "hybrid",
      currency: "USD",
      revenueShareBps: 2000,
      flatFeeCents: 9_900,
      flatFeeInterval: "month",
      includedCalls: 100,
      tiers: [
        { upTo: 200, unitAmountCentsPer1000: 50 },
        { upTo: null, unitAmountCentsPer1000: 40 },
      ],
      tierMode: "graduated",
      minimumCents: 0,
      taxRateBps: 825,
      effectiveFrom: new Date("2026-01-01T00:00:00Z"),
    },
  ],
})!;

const invoice: Invoice = {
  id: "22222222-2222-4222-8222-222222222222",
  number: "PRT-202604-000042",
  partnerId: "33333333-3333-4333-8333-333333333333",
  period: "2026-04",
  status: "overdue",
  currency: "USD",
  lines: calculated.lines,
  subtotalCents: calculated.subtotalCents,
  taxCents: calculated.taxCents,
  totalCents: calculated.totalCents,
  issuedAt: "2026-05-01T00:00:00.000Z",
  dueAt: "2026-05-31T00:00:00.000Z",
  paidAt: null,
  paymentReference: null,
  voidedAt: null,
  voidReason: null,
  runId: null,
  createdAt: "2026-05-01T00:00:00.000Z",
};

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

/** The text of every element carrying `data-testid="<id>"`. */
const byTestId = (html: string, id: string) => [...html.matchAll(new RegExp(`data-testid="${id}"[^>]*>([\\s\\S]*?)</(td|tr|dd)>`, "g"))].map((m) => text(m[1]));

describe("InvoiceDocument", () => {
  const html = renderToStaticMarkup(<InvoiceDocument invoice={invoice} partnerName="Acme Insurance Tools" />);

  it("is headed by its number, and names the partner, the period and the dates", () => {
    expect(html).toMatch(/<h1 id="invoice-title"[^>]*>Invoice <span class="font-mono">PRT-202604-000042<\/span><\/h1>/);
    expect(text(html)).toContain("Billed to Acme Insurance Tools");
    expect(text(html)).toContain("Period April 2026");
    expect(text(html)).toContain("Issued May 1, 2026 Due May 31, 2026");
    expect(text(html)).not.toContain("Paid ");
  });

  it("says it is overdue in words, not colour alone", () => {
    expect(text(html)).toContain("overdue : past its due date and not paid");
    expect(text(html)).toContain("This invoice is overdue: it was due on May 31, 2026");
  });

  it("lists every line with its breakdown, and totals that are the invoice's to the cent", () => {
    // $99.00 fee; calls 101–300 at $0.50/1000 = $0.10; calls 301–1,000 at $0.40/1000 = $0.28.
    expect(invoice.subtotalCents).toBe(9_938);
    expect(invoice.taxCents).toBe(820); // 8.25% of $99.38 = $8.19885, rounded once
    expect(byTestId(html, "invoice-line")).toHaveLength(3);
    // The same words as the PDF (lib/billing/invoices/line-detail.ts).
    expect(text(html)).toContain("Platform fee, monthly Monthly fee $99.00, whole month 1 $99.00 $99.00");
    expect(text(html)).toContain("calls 101–300; 200 × $0.50 per 1,000 = $0.10; 1,000 calls in the period, 100 included 200 calls $0.50 / 1,000 $0.10");
    expect(text(html)).toContain("calls 301–1,000; 700 × $0.40 per 1,000 = $0.28; 1,000 calls in the period, 100 included 700 calls $0.40 / 1,000 $0.28");
    expect(byTestId(html, "invoice-subtotal")).toEqual(["$99.38"]);
    expect(byTestId(html, "invoice-tax")).toEqual(["$8.20"]);
    expect(byTestId(html, "invoice-total")).toEqual(["$107.58"]);
  });

  it("gives its lines table an accessible name", () => {
    expect(html).toContain('<caption class="sr-only">Lines of invoice PRT-202604-000042</caption>');
  });

  it("shows a paid invoice's date and reference, a void one's reason", () => {
    const paid = text(renderToStaticMarkup(<InvoiceDocument invoice={{ ...invoice, status: "paid", paidAt: "2026-05-12T08:00:00.000Z", paymentReference: "WIRE-7" }} partnerName="Acme" />));
    expect(paid).toContain("Paid May 12, 2026");
    expect(paid).toContain("Payment reference WIRE-7");
    expect(paid).not.toContain("overdue");
    const voided = text(renderToStaticMarkup(<InvoiceDocument invoice={{ ...invoice, status: "void", voidedAt: "2026-05-02T00:00:00.000Z", voidReason: "Duplicate" }} partnerName="Acme" />));
    expect(voided).toContain("Voided on May 2, 2026: nothing is owed on this invoice. Reason: Duplicate");
  });
});

describe("print", () => {
  it("prints the document on white", () => {
    expect(renderToStaticMarkup(<PrintOnlyDocument />)).toContain("print:[body:has(&amp;)]:bg-[#fff]");
  });
});

describe("InvoiceStatusBadge", () => {
  it("adds no hidden words to the statuses that need none", () => {
    expect(text(renderToStaticMarkup(<InvoiceStatusBadge status="paid" />))).toBe("paid");
    expect(renderToStaticMarkup(<InvoiceStatusBadge status="overdue" />)).toContain("bg-red-50 text-red-700");
  });
});

describe("IncludedCallsBar", () => {
  it("is a named progress bar with its values", () => {
    const html = renderToStaticMarkup(<IncludedCallsBar upcoming={{ billableCalls: 2_500, includedCalls: 10_000, includedCallsLeft: 7_500 }} />);
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-label="Included calls used"');
    expect(html).toContain('aria-valuenow="2500"');
    expect(html).toContain('aria-valuemax="10000"');
    expect(html).toContain('aria-valuetext="2,500 of 10,000 included calls used, 7,500 left"');
    expect(html).toContain("width:25%");
  });
});

describe("ForecastChart", () => {
  it("carries its numbers in a table for screen readers", () => {
    const rows = forecastRows({
      months: [
        { period: "2026-06", invoicedCents: 12_345, payoutsCents: 4_000 },
        { period: "2026-07", invoicedCents: 13_000, payoutsCents: 0 },
      ],
    });
    const html = renderToStaticMarkup(<ForecastChart rows={rows} />);
    expect(html).toContain('aria-label="Forecast for the next 2 months: invoiced to you and paid out to you"');
    expect(text(html.slice(html.indexOf('<div class="sr-only"><table>')))).toBe(
      "Forecast by month Month Invoiced to you Paid out to you June 2026 $123.45 $40.00 July 2026 $130.00 $0.00",
    );
  });
});
