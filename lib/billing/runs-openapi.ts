import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import { BillingRun, InvoiceTotals, InvoiceTotalsQuery, RunAccepted, RunInvoicesInput, RunListQuery, RunPayoutsInput, UpcomingInvoice, UpcomingQuery } from "./schemas";

const runNote =
  "Answers 202 with the run's id at once; the run works through partners in batches (visible with GET /billing/runs/{id}), resumes after a crash from the last partner it finished, and never creates a document twice: a period already done for a partner is skipped.";

export const runsPaths: ZodOpenApiPathsObject = {
  "/billing/invoices/run": {
    post: op({
      summary: "Issue a period's invoices",
      tags: ["Billing"],
      admin: true,
      body: RunInvoicesInput,
      response: RunAccepted,
      status: 202,
      description: `${runNote} Happens by itself at 00:00 UTC on the 1st for the month before.`,
    }),
  },
  "/billing/payouts/run": {
    post: op({ summary: "Compute a period's payout statements and payouts", tags: ["Billing"], admin: true, body: RunPayoutsInput, response: RunAccepted, status: 202, description: runNote }),
  },
  "/billing/runs": {
    get: op({ summary: "Billing runs, newest first", tags: ["Billing"], admin: true, query: RunListQuery, response: PageOf(BillingRun, "BillingRunPage") }),
  },
  "/billing/runs/{id}": {
    get: op({ summary: "A billing run's progress", tags: ["Billing"], admin: true, path: z.object({ id: z.uuid() }), response: BillingRun }),
  },
  "/billing/invoices/totals": {
    get: op({
      summary: "Invoice count and total per status",
      tags: ["Billing"],
      scopes: ["read:billing"],
      query: InvoiceTotalsQuery,
      response: InvoiceTotals,
      description: "For a period (or all), the caller's own invoices; admins see every partner's or one partner's.",
    }),
  },
  "/billing/invoices/upcoming": {
    get: op({
      summary: "The current period's invoice so far",
      tags: ["Billing"],
      scopes: ["read:billing"],
      query: UpcomingQuery,
      response: UpcomingInvoice,
      errors: [404],
      description: "Computed like the month-end invoice from the usage so far (no number, nothing stored), with the projection to the period's end. 404 without a pricing plan.",
    }),
  },
};
