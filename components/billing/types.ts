// The billing API's shapes as the portal reads them (lib/billing/schemas.ts and
// lib/billing/payouts/schemas.ts are the source; types only, so no zod schema is bundled into the client).

export type { Forecast, Invoice, InvoiceLine, InvoiceStatus, Payout, PayoutStatement, PayoutStatus, UpcomingInvoice } from "@/lib/billing/schemas";
export type { PayoutBalance } from "@/lib/billing/payouts/schemas";

// The same lists as lib/billing/schemas.ts (a client bundle must not pull zod schemas in for two arrays).
export const invoiceStatuses = ["open", "overdue", "paid", "void"] as const satisfies readonly import("@/lib/billing/schemas").InvoiceStatus[];
export const payoutStatuses = ["pending", "processing", "paid", "failed"] as const satisfies readonly import("@/lib/billing/schemas").PayoutStatus[];
