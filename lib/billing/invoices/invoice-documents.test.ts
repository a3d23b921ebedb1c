import { describe, expect, it } from "vitest";
import type { Invoice } from "../schemas";
import { negotiateFormat } from "./document-format";
import { csvText, invoiceCsv } from "./invoice-csv";
import { invoicePdf, pdfText } from "./invoice-pdf";
import { lineDetail, quantityLabel, unitLabel } from "./line-detail";

const invoice = (over: Partial<Invoice> = {}): Invoice => ({
  id: "8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a",
  number: "PRT-202610-000042",
  partnerId: "6e5d4c3b-2a19-4087-b6a5-f4e3d2c1b0a9",
  period: "2026-10",
  status: "open",
  currency: "USD",
  lines: [],
  subtotalCents: 0,
  taxCents: 0,
  totalCents: 0,
  issuedAt: "2026-11-01T00:00:00.000Z",
  dueAt: "2026-12-01T00:00:00.000Z",
  paidAt: null,
  paymentReference: null,
  voidedAt: null,
  voidReason: null,
  runId: null,
  createdAt: "2026-11-01T00:00:00.000Z",
  ...over,
});

describe("negotiateFormat", () => {
  it("lets ?format win, else the highest q among the types we serve, else JSON", () => {
    expect(negotiateFormat(undefined, null)).toBe("json");
    expect(negotiateFormat(undefined, "")).toBe("json");
    expect(negotiateFormat("csv", "application/pdf")).toBe("csv");
    expect(negotiateFormat(undefined, "application/pdf")).toBe("pdf");
    expect(negotiateFormat(undefined, "TEXT/CSV; charset=utf-8")).toBe("csv");
    expect(negotiateFormat(undefined, "image/png")).toBe("json");
    expect(negotiateFormat(undefined, "application/pdf;q=0, text/csv;q=0.1")).toBe("csv");
    expect(negotiateFormat(undefined, "text/csv;q=0.5, application/pdf;q=0.9")).toBe("pdf");
    // Equal q: the first listed wins; a wildcard never beats a named type at the same q.
    expect(negotiateFormat(undefined, "text/csv, application/pdf")).toBe("csv");
    expect(negotiateFormat(undefined, "*/*, application/pdf")).toBe("pdf");
    expect(negotiateFormat(undefined, "application/pdf;q=abc")).toBe("json");
  });
});

describe("CSV cells", () => {
  it("quotes per RFC 4180 and neutralizes formula starts", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText("a,b")).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText("two\nlines")).toBe('"two\nlines"');
    expect(csvText("=1+1")).toBe("'=1+1");
    expect(csvText("+1")).toBe("'+1");
    expect(csvText("-1")).toBe("'-1");
    expect(csvText("@cmd")).toBe("'@cmd");
    expect(csvText("\t=1")).toBe("'\t=1");
    expect(csvText('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvText("a=b")).toBe("a=b");
  });

  it("writes the header, one row per line and the three totals, CRLF-terminated", () => {
    const csv = invoiceCsv(
      invoice({
        lines: [{ kind: "flat_fee", description: "Platform fee, monthly", quantity: 1, unitAmountCents: 49_900, amountCents: 49_900, metadata: {} }],
        subtotalCents: 49_900,
        taxCents: 4_117,
        totalCents: 54_017,
      }),
    );
    expect(csv).toBe(
      [
        "number,period,kind,description,quantity,unit_amount_cents,amount_cents",
        'PRT-202610-000042,2026-10,flat_fee,"Platform fee, monthly",1,49900,49900',
        "PRT-202610-000042,2026-10,subtotal,Subtotal,,,49900",
        "PRT-202610-000042,2026-10,tax,Tax,,,4117",
        "PRT-202610-000042,2026-10,total,Total (USD),,,54017",
        "",
      ].join("\r\n"),
    );
  });
});

describe("PDF", () => {
  it("keeps Windows-1252 text and replaces what the standard fonts cannot draw", () => {
    expect(pdfText("Café – 1,000 × $0.50 €")).toBe("Café – 1,000 × $0.50 €");
    expect(pdfText("Łódź Kőbánya")).toBe("Lódz Kobánya");
    expect(pdfText("株式会社")).toBe("????");
    expect(pdfText("a\u0000b\nc")).toBe("a b c");
  });

  it("renders an empty, a paid and a void invoice", async () => {
    for (const inv of [
      invoice(),
      invoice({ status: "paid", paidAt: "2026-11-20T00:00:00.000Z", paymentReference: "wire 42" }),
      invoice({ status: "void", voidedAt: "2026-11-20T00:00:00.000Z", voidReason: "Wrong plan" }),
    ]) {
      const pdf = await invoicePdf(inv, { name: "Acme", country: "US", website: "https://acme.example", billingContact: null });
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(1_000);
    }
  });

  it("is the same bytes each time for the same invoice", async () => {
    const a = await invoicePdf(invoice(), null);
    const b = await invoicePdf(invoice(), null);
    expect(a.equals(b)).toBe(true);
  });
});

describe("line details", () => {
  it("spells out the tier breakdown, the proration and the minimum", () => {
    const usage = {
      kind: "usage" as const,
      description: "API calls 1,001–11,000, tier 1",
      quantity: 10_000,
      unitAmountCents: 50,
      amountCents: 600,
      metadata: { mode: "graduated", tier: 1, upTo: 10_000, fromCall: 1_001, toCall: 11_000, unitAmountCentsPer1000: 50, flatAmountCents: 100, calls: 10_000, totalCalls: 25_000, includedCalls: 1_000 },
    };
    expect(lineDetail(usage, "USD")).toBe(
      "Graduated tier 1 (up to 10,000 billable calls): calls 1,001–11,000; 10,000 × $0.50 per 1,000 + $1.00 tier fee = $6.00; 25,000 calls in the period, 1,000 included",
    );
    expect(unitLabel(usage, "USD")).toBe("$0.50 / 1,000");
    expect(quantityLabel(usage)).toBe("10,000 calls");
    expect(
      lineDetail({ ...usage, metadata: { mode: "volume", tier: 2, upTo: null, calls: 24_000, unitAmountCentsPer1000: 25, totalCalls: 24_000 } }, "USD"),
    ).toBe("Volume pricing: all 24,000 billable calls at tier 2 (no upper bound); 24,000 × $0.25 per 1,000 = $6.00; 24,000 calls in the period");
    expect(
      lineDetail(
        { kind: "flat_fee", description: "fee", quantity: 1, unitAmountCents: 6_667, amountCents: 6_667, metadata: { interval: "month", flatFeeCents: 10_000, days: 20, daysInPeriod: 30 } },
        "USD",
      ),
    ).toBe("Monthly fee $100.00 × 20 of 30 days = $66.67");
    expect(
      lineDetail({ kind: "minimum", description: "min", quantity: 1, unitAmountCents: 500, amountCents: 500, metadata: { minimumCents: 1_000, chargedBeforeMinimumCents: 500 } }, "USD"),
    ).toBe("Minimum $10.00 less charges $5.00 = $5.00");
    // Metadata of the wrong shape shortens the sentence; it never throws.
    expect(lineDetail({ kind: "flat_fee", description: "x", quantity: 1, unitAmountCents: 1, amountCents: 1, metadata: { days: "20" } }, "USD")).toBeNull();
  });
});
