import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NuqsTestingAdapter } from "nuqs/adapters/testing";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { BillingRun, Invoice, Payout, PricingPlan } from "@/lib/billing/schemas";
import { lastMonth } from "./billing-figures";
import { OverviewTab } from "./overview-tab";
import { PayoutsTab } from "./payouts-tab";
import { PricingEditor } from "./pricing-editor";
import { planToForm, toPlanInput } from "./pricing-form-model";
import { forecastKey } from "../queries";
import { billingKeys } from "./queries";
import { RunProgressCard } from "./run-progress";

// The admin billing views rendered (on the server, from data already in the query cache): what
// they show for known answers of the API. Interaction is left to the e2e specs.

const P1 = "5b0e0a4e-6a4f-4d59-9f1e-0d5c3f7f1a01";
const RUN = "5b0e0a4e-6a4f-4d59-9f1e-0d5c3f7f1a09";
const acme = { id: P1, name: "Acme Insurance", slug: "acme", type: "technology", status: "active", tier: "standard", website: null, description: "", country: null, statusReason: null, statusChangedAt: null, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" };
const invoice = (totalCents: number, status: Invoice["status"]): Invoice => ({
  id: crypto.randomUUID(),
  number: `PRT-202611-00000${totalCents % 10}`,
  partnerId: P1,
  period: "2026-11",
  status,
  currency: "USD",
  lines: [],
  subtotalCents: totalCents,
  taxCents: 0,
  totalCents,
  issuedAt: "2026-12-01T00:00:00.000Z",
  dueAt: "2026-12-15T00:00:00.000Z",
  paidAt: null,
  paymentReference: null,
  voidedAt: null,
  voidReason: null,
  runId: null,
  createdAt: "2026-12-01T00:00:00.000Z",
});
const plan: PricingPlan = {
  id: "5b0e0a4e-6a4f-4d59-9f1e-0d5c3f7f1a05",
  partnerId: P1,
  model: "usage_based",
  currency: "USD",
  revenueShareBps: 0,
  flatFeeCents: null,
  flatFeeInterval: "month",
  includedCalls: 100,
  tiers: [
    { upTo: 200, unitAmountCentsPer1000: 50 },
    { upTo: null, unitAmountCentsPer1000: 25 },
  ],
  tierMode: "volume",
  minimumCents: 500,
  taxRateBps: 0,
  effectiveFrom: "2026-10-01T00:00:00.000Z",
  createdAt: "2026-10-01T00:00:00.000Z",
  updatedAt: "2026-10-01T00:00:00.000Z",
};

function render(node: ReactNode, fill: (qc: QueryClient) => void) {
  const qc = new QueryClient();
  qc.setQueryData(billingKeys.partners, { list: [acme], byId: new Map([[P1, acme]]), truncated: false });
  fill(qc);
  const html = renderToString(
    <NuqsTestingAdapter>
      <QueryClientProvider client={qc}>{node}</QueryClientProvider>
    </NuqsTestingAdapter>,
  );
  return { html, text: html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ") };
}

describe("admin billing views", () => {
  it("prices the draft plan on last month's usage in the live preview, beside a tier table ending in ∞", () => {
    const draft = toPlanInput(planToForm(plan));
    expect(draft.ok).toBe(true);
    const { html, text } = render(<PricingEditor partnerId={P1} subject="Acme Insurance" />, (qc) => {
      qc.setQueryData(billingKeys.pricing(P1), { ...plan, history: [plan] });
      qc.setQueryData([...billingKeys.pricing(P1), "preview", draft.ok ? draft.body : null], {
        period: "2026-11",
        billableCalls: 1234,
        invoice: {
          lines: [
            { kind: "usage", description: "Calls 1–1,134 at $0.25 per 1,000", quantity: 1134, unitAmountCents: 25, amountCents: 28, metadata: {} },
            { kind: "minimum", description: "Minimum commitment", quantity: 1, unitAmountCents: 472, amountCents: 472, metadata: {} },
          ],
          subtotalCents: 500,
          taxCents: 0,
          totalCents: 500,
          currency: "USD",
        },
      });
    });
    expect(text).toContain("With last month's usage (1,234 billable calls in 2026-11) this plan would have cost $5.00 .");
    expect(text).toContain("Minimum commitment $4.72");
    expect(text).toContain("Tier 1 1 – 200");
    expect(text).toContain("Tier 2 201 – ∞");
    // The last tier's bound is shown, read-only, and is not a form field.
    expect(html).toMatch(/<input[^>]*value="∞"[^>]*readOnly=""|<input[^>]*readOnly=""[^>]*value="∞"/);
    // The other bounds are fields (their values are set by the form in the browser: see planToForm's tests).
    expect(html).toContain('name="tiers.0.upTo"');
    expect(html).not.toContain('name="tiers.1.upTo"');
    // Usage-based: no flat fee field; volume mode chosen.
    expect(text).not.toContain("Flat fee (USD)");
    expect(html).toMatch(/<input[^>]*name="tierMode"[^>]*checked=""[^>]*value="volume"/);
    expect(text).toContain("Plan history");
  });

  it("starts a partner without a plan from the default plan", () => {
    const { html, text } = render(<PricingEditor partnerId={P1} subject="Acme Insurance" />, (qc) => {
      qc.setQueryData(billingKeys.pricing(P1), null);
      qc.setQueryData(billingKeys.pricing("default"), { ...plan, partnerId: null, model: "hybrid", flatFeeCents: 19_900 });
    });
    expect(text).toContain("Acme Insurance has no pricing plan yet. The form starts from the default plan");
    expect(html).toMatch(/<input[^>]*name="model"[^>]*checked=""[^>]*value="hybrid"/);
    expect(html).toContain('name="flatFee"');
  });

  it("shows a run's progress as a progress bar with its count in words", () => {
    const run: BillingRun = {
      id: RUN,
      kind: "invoices",
      period: "2026-11",
      partnerId: null,
      status: "running",
      trigger: "manual",
      totalPartners: 40,
      processedPartners: 12,
      createdCount: 11,
      amountCents: 99_999,
      attempts: 1,
      error: null,
      startedAt: "2026-12-01T00:00:00.000Z",
      finishedAt: null,
      createdAt: "2026-12-01T00:00:00.000Z",
    };
    const { html, text } = render(<RunProgressCard runId={RUN} partnerName={(id) => (id ? "Acme" : "All partners")} onDismiss={() => {}} />, (qc) =>
      qc.setQueryData(billingKeys.run(RUN), run),
    );
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="30"');
    expect(html).toContain('aria-valuetext="12 of 40 partners"');
    expect(text).toContain("Invoice run for Nov 2026");
    expect(text).toContain("12 of 40 partners (30%) · 11 invoices created · $999.99");
  });

  it("sums the period's invoices per status in cents, and lists the overdue ones", () => {
    const period = lastMonth();
    const { text } = render(<OverviewTab />, (qc) => {
      qc.setQueryData(forecastKey(3), {
        mrrCents: 123_456,
        arrCents: 1_481_472,
        method: "flat fees and installs",
        months: [{ period: "2027-01", invoicedCents: 5_000, payoutsCents: 100 }],
        history: [{ period: "2026-11", invoicedCents: 4_000, collectedCents: 3_000, payoutsCents: 100 }],
      });
      qc.setQueryData([...billingKeys.invoices, "totals", period], {
        period,
        totals: [
          { status: "open", count: 2, totalCents: 2000 },
          { status: "paid", count: 1, totalCents: 500 },
          { status: "void", count: 0, totalCents: 0 },
          { status: "overdue", count: 1, totalCents: 12_345 },
        ],
      });
      qc.setQueryData([...billingKeys.invoices, "overdue"], { data: [invoice(12_345, "overdue")], truncated: false });
    });
    expect(text).toContain("Platform MRR $1,234.56");
    expect(text).toContain("ARR $14,814.72");
    expect(text).toContain("Open invoices $20.00 2 invoices");
    expect(text).toContain("Overdue invoices $123.45 1 invoice");
    expect(text).toContain("Paid invoices $5.00 1 invoice");
    expect(text).toContain("Jan 2027 (forecast) $50.00 — $1.00");
    expect(text).toMatch(/PRT-202611-000005 Acme Insurance Nov 2026 \$123\.45 \d+ days? \(due Dec 15, 2026 \) Mark paid/);
  });

  it("totals the payouts queue per currency, never adding dollars to euros", () => {
    const payout = (amountCents: number, currency: string, status: Payout["status"]): Payout => ({
      id: crypto.randomUUID(),
      partnerId: P1,
      period: "2026-11",
      status,
      grossCents: amountCents,
      platformShareCents: 0,
      carriedForwardCents: 0,
      amountCents,
      currency,
      reference: null,
      paidAt: null,
      failureReason: null,
      failedAt: null,
      provider: "manual",
      createdAt: "2026-12-01T00:00:00.000Z",
    });
    const queue = [payout(10_000, "USD", "pending"), payout(2_550, "EUR", "pending"), payout(1_234, "USD", "processing")];
    const { html, text } = render(<PayoutsTab />, (qc) => {
      qc.setQueryData([...billingKeys.payouts, "queue"], { data: queue, truncated: false });
      qc.setQueryData([...billingKeys.payouts, "list", {}, undefined], { data: queue, nextCursor: null });
    });
    const total = /data-testid="payout-queue-total"[^>]*>([^<]*(?:<!-- -->[^<]*)*)</.exec(html)?.[1].replace(/<!-- -->/g, "");
    expect(total).toBe("3 waiting · €25.50, $112.34");
    expect(text).toContain("Pending");
  });
});
