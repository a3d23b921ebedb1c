import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";
import { Day, Instant } from "@/lib/validation/instant";
import { PeriodSchema, RunPeriodSchema } from "./period";

// The billing API's shapes (CONTRACT "Billing"). Money is integer cents, rates basis points.

// Caps that keep every amount an invoice can reach (a month of a billion calls at the top price)
// below Number.MAX_SAFE_INTEGER cents, so no valid plan can overflow a line.
const cents = () => z.number().int().min(0).max(10_000_000_000);
const bps = () => z.number().int().min(0).max(10_000);

export const pricingModels = ["revenue_share", "flat_fee", "usage_based", "hybrid"] as const;
export type PricingModel = (typeof pricingModels)[number];

export const Tier = z.object({
  upTo: z.number().int().min(1).max(1_000_000_000_000_000).nullable().describe("Last billable call (after included calls) in this tier; null for the last tier"),
  unitAmountCentsPer1000: z.number().int().min(0).max(100_000_000).describe("Price of 1,000 calls in this tier, in cents"),
  flatAmountCents: cents().optional().describe("Added once when the tier is reached"),
});
export type Tier = z.infer<typeof Tier>;

const modelNeeds: Record<PricingModel, { flat: boolean; usage: boolean }> = {
  revenue_share: { flat: false, usage: false },
  flat_fee: { flat: true, usage: false },
  usage_based: { flat: false, usage: true },
  hybrid: { flat: true, usage: true },
};
export function modelCharges(model: PricingModel) {
  return modelNeeds[model];
}

export const PricingPlanInput = z
  .object({
    model: z.enum(pricingModels),
    currency: z.string().regex(/^[A-Z]{3}$/, { message: "must be a three-letter ISO 4217 code" }).default("USD"),
    revenueShareBps: bps().optional().describe("Platform's share of marketplace sales, basis points"),
    flatFeeCents: cents().optional(),
    flatFeeInterval: z.enum(["month", "year"]).default("month"),
    includedCalls: z.number().int().min(0).max(1_000_000_000_000).default(0),
    tiers: z.array(Tier).min(1).max(20).optional(),
    tierMode: z.enum(["graduated", "volume"]).default("graduated"),
    minimumCents: cents().default(0),
    taxRateBps: bps().default(0),
    effectiveFrom: z.union([Instant(), Day()]).optional().describe("When the plan takes effect (a day means 00:00 UTC); default now"),
  })
  .superRefine((p, ctx) => {
    const needs = modelNeeds[p.model];
    if (p.model === "revenue_share" && !(p.revenueShareBps && p.revenueShareBps > 0))
      ctx.addIssue({ code: "custom", path: ["revenueShareBps"], message: "revenue_share needs revenueShareBps > 0" });
    if (needs.flat && p.flatFeeCents === undefined) ctx.addIssue({ code: "custom", path: ["flatFeeCents"], message: `${p.model} needs flatFeeCents` });
    if (needs.usage && !p.tiers) ctx.addIssue({ code: "custom", path: ["tiers"], message: `${p.model} needs tiers` });
    if (p.tiers) {
      p.tiers.forEach((t, i) => {
        const last = i === p.tiers!.length - 1;
        if (last && t.upTo !== null) ctx.addIssue({ code: "custom", path: ["tiers", i, "upTo"], message: "the last tier must have upTo: null" });
        if (!last && t.upTo === null) ctx.addIssue({ code: "custom", path: ["tiers", i, "upTo"], message: "only the last tier may have upTo: null" });
        const prev = i > 0 ? p.tiers![i - 1].upTo : null;
        if (i > 0 && prev !== null && t.upTo !== null && t.upTo <= prev)
          ctx.addIssue({ code: "custom", path: ["tiers", i, "upTo"], message: "tiers must ascend: upTo must be greater than the previous tier's" });
      });
    }
  })
  .meta({ id: "PricingPlanInput" });
export type PricingPlanInput = z.infer<typeof PricingPlanInput>;

export const PricingPlan = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid().nullable().describe("null: the platform's default plan for new partners"),
    model: z.enum(pricingModels),
    currency: z.string(),
    revenueShareBps: z.number().int(),
    flatFeeCents: z.number().int().nullable(),
    flatFeeInterval: z.enum(["month", "year"]),
    includedCalls: z.number().int(),
    tiers: z.array(Tier).nullable(),
    tierMode: z.enum(["graduated", "volume"]),
    minimumCents: z.number().int(),
    taxRateBps: z.number().int(),
    effectiveFrom: z.iso.datetime(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "PricingPlan" });
export type PricingPlan = z.infer<typeof PricingPlan>;

export const PricingWithHistory = PricingPlan.extend({
  history: z.array(PricingPlan).describe("Every plan, newest first (the first is this one)"),
}).meta({ id: "PricingWithHistory" });

export const invoiceStatuses = ["open", "paid", "void", "overdue"] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

export const invoiceLineKinds = ["flat_fee", "usage", "minimum"] as const;

export const InvoiceLine = z.object({
  kind: z.enum(invoiceLineKinds),
  description: z.string(),
  quantity: z.number().int(),
  unitAmountCents: z.number().int().describe("usage: the price of 1,000 calls; otherwise the amount of one unit"),
  amountCents: z.number().int(),
  metadata: z.record(z.string(), z.unknown()).describe("How the line was computed: plan, days, tier bounds, calls"),
});
export type InvoiceLine = z.infer<typeof InvoiceLine>;

export const Invoice = z
  .object({
    id: z.uuid(),
    number: z.string().describe("PRT-<YYYYMM>-<6 digits>, gapless across all invoices"),
    partnerId: z.uuid(),
    period: z.string(),
    status: z.enum(invoiceStatuses),
    currency: z.string(),
    lines: z.array(InvoiceLine),
    subtotalCents: z.number().int(),
    taxCents: z.number().int(),
    totalCents: z.number().int(),
    issuedAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
    paidAt: z.iso.datetime().nullable(),
    paymentReference: z.string().nullable(),
    voidedAt: z.iso.datetime().nullable(),
    voidReason: z.string().nullable(),
    runId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Invoice" });
export type Invoice = z.infer<typeof Invoice>;

export const UpcomingInvoice = z
  .object({
    partnerId: z.uuid(),
    period: z.string(),
    currency: z.string(),
    lines: z.array(InvoiceLine),
    subtotalCents: z.number().int(),
    taxCents: z.number().int(),
    totalCents: z.number().int(),
    billableCalls: z.number().int().describe("2xx calls so far this period"),
    includedCalls: z.number().int().describe("Calls the plan includes per period"),
    includedCallsLeft: z.number().int(),
    projected: z
      .object({ billableCalls: z.number().int(), totalCents: z.number().int(), method: z.string() })
      .describe("The period's end at the pace so far (calls per elapsed day × days in the period)"),
    asOf: z.iso.datetime(),
  })
  .meta({ id: "UpcomingInvoice" });
export type UpcomingInvoice = z.infer<typeof UpcomingInvoice>;

export const InvoiceListQuery = PageQuery.extend({
  status: z.enum(invoiceStatuses).optional(),
  period: PeriodSchema().optional(),
  partnerId: z.uuid().optional().describe("Admins only"),
});

export const RunInvoicesInput = z
  .object({ period: RunPeriodSchema().describe("YYYY-MM, up to the current month"), partnerId: z.uuid().optional() })
  .meta({ id: "RunInvoicesInput" });
export const RunPayoutsInput = z
  .object({ period: RunPeriodSchema().describe("YYYY-MM, up to the current month"), partnerId: z.uuid().optional() })
  .meta({ id: "RunPayoutsInput" });
export const MarkPaidInput = z.object({ reference: z.string().trim().min(1).max(200), paidAt: Instant().optional() }).meta({ id: "MarkPaidInput" });
export const VoidInvoiceInput = z.object({ reason: z.string().trim().min(1).max(500) }).meta({ id: "VoidInvoiceInput" });
export const MarkFailedInput = z.object({ reason: z.string().trim().min(1).max(500) }).meta({ id: "MarkFailedInput" });

export const billingRunStatuses = ["pending", "running", "succeeded", "failed"] as const;
export const BillingRun = z
  .object({
    id: z.uuid(),
    kind: z.enum(["invoices", "payouts"]),
    period: z.string(),
    partnerId: z.uuid().nullable(),
    status: z.enum(billingRunStatuses),
    trigger: z.enum(["manual", "schedule"]),
    totalPartners: z.number().int().nullable(),
    processedPartners: z.number().int(),
    createdCount: z.number().int().describe("Invoices (or payout statements) this run created"),
    amountCents: z.number().int().describe("Their total"),
    attempts: z.number().int(),
    error: z.string().nullable(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "BillingRun" });
export type BillingRun = z.infer<typeof BillingRun>;
export const RunAccepted = z.object({ runId: z.uuid(), run: BillingRun }).meta({ id: "RunAccepted" });
export const RunListQuery = PageQuery.extend({ kind: z.enum(["invoices", "payouts"]).optional() });

export const payoutStatuses = ["pending", "processing", "paid", "failed"] as const;
export type PayoutStatus = (typeof payoutStatuses)[number];
export const Payout = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    period: z.string(),
    status: z.enum(payoutStatuses),
    grossCents: z.number().int(),
    platformShareCents: z.number().int(),
    carriedForwardCents: z.number().int().describe("Balance carried in from earlier periods"),
    amountCents: z.number().int(),
    currency: z.string(),
    reference: z.string().nullable(),
    paidAt: z.iso.datetime().nullable(),
    failureReason: z.string().nullable(),
    failedAt: z.iso.datetime().nullable(),
    provider: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Payout" });
export type Payout = z.infer<typeof Payout>;

export const PayoutStatement = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    period: z.string(),
    currency: z.string(),
    grossCents: z.number().int(),
    revenueShareBps: z.number().int(),
    platformShareCents: z.number().int(),
    carriedInCents: z.number().int(),
    netCents: z.number().int(),
    carriedOutCents: z.number().int().describe("Net below the payout minimum, kept for the next period"),
    payoutId: z.uuid().nullable(),
    lines: z.array(z.record(z.string(), z.unknown())),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "PayoutStatement" });
export type PayoutStatement = z.infer<typeof PayoutStatement>;

export const PayoutListQuery = PageQuery.extend({
  status: z.enum(payoutStatuses).optional(),
  period: PeriodSchema().optional(),
  partnerId: z.uuid().optional().describe("Admins only"),
});

export const ForecastQuery = z.object({
  months: z.coerce.number().int().min(1).max(24).default(3),
  partnerId: z.uuid().optional().describe("Admins only: one partner instead of the platform"),
});
export const Forecast = z
  .object({
    mrrCents: z.number().int(),
    arrCents: z.number().int(),
    method: z.string().describe("How the figures were computed, in words"),
    months: z.array(z.object({ period: z.string(), invoicedCents: z.number().int(), payoutsCents: z.number().int() })),
    history: z
      .array(z.object({ period: z.string(), invoicedCents: z.number().int(), collectedCents: z.number().int(), payoutsCents: z.number().int() }))
      .describe("The last 6 closed periods, as issued"),
  })
  .meta({ id: "Forecast" });
export type Forecast = z.infer<typeof Forecast>;

export const UpcomingQuery = z.object({ partnerId: z.uuid().optional().describe("Admins only") });

export const InvoiceTotalsQuery = z.object({ period: PeriodSchema().optional(), partnerId: z.uuid().optional().describe("Admins: one partner") });
export const InvoiceTotals = z
  .object({
    period: z.string().nullable(),
    totals: z.array(z.object({ status: z.enum(invoiceStatuses), count: z.number().int(), totalCents: z.number().int() })),
  })
  .meta({ id: "InvoiceTotals" });
