import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject, ZodOpenApiResponseObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import { InvoiceDocumentQuery } from "./invoices/document-format";
import { Invoice, InvoiceListQuery, MarkPaidInput, VoidInvoiceInput } from "./schemas";

const IdPath = z.object({ id: z.uuid() });

const InvoicePdf = z.string().meta({ format: "binary", description: "The invoice as a PDF (A4)" });
const InvoiceCsv = z.string().meta({
  description:
    "The invoice's lines as CSV (RFC 4180, CRLF): header `number,period,kind,description,quantity,unit_amount_cents,amount_cents`, one row per line, then `subtotal`, `tax` and `total` rows. Text cells starting with = + - @ are prefixed with `'`.",
});

/** The JSON operation plus the two downloads the same URL serves. */
function withDocuments(o: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  const ok = o.responses["200"] as ZodOpenApiResponseObject;
  return {
    ...o,
    responses: {
      ...o.responses,
      "200": {
        ...ok,
        description: "The invoice: JSON by default, or the PDF / CSV document (`Content-Disposition: attachment; filename=\"<number>.pdf|csv\"`)",
        content: {
          ...ok.content,
          "application/pdf": { schema: InvoicePdf },
          "text/csv": { schema: InvoiceCsv },
        },
      },
    },
  };
}

export const invoicesPaths: ZodOpenApiPathsObject = {
  "/billing/invoices": {
    get: op({
      summary: "List invoices",
      tags: ["Billing"],
      scopes: ["read:billing"],
      query: InvoiceListQuery,
      response: PageOf(Invoice, "InvoicePage"),
      description:
        "The caller's partner's invoices (admins: every partner's, or one with `partnerId`; a partner naming another gets 404), newest first, with their lines. Filter by `status` and `period` (YYYY-MM): an open invoice past `dueAt` reads as `overdue` (and `status=open` leaves it out) even before the daily job records it.",
    }),
  },
  "/billing/invoices/{id}": {
    get: withDocuments(
      op({
        summary: "Get an invoice (JSON, PDF or CSV)",
        tags: ["Billing"],
        scopes: ["read:billing"],
        path: IdPath,
        query: InvoiceDocumentQuery,
        response: Invoice,
        description:
          "One invoice with its lines; `metadata` on each line says how it was computed (days for a prorated fee, the tier bounds and calls for usage). " +
          "The same URL serves the documents: `?format=pdf` or `?format=csv`, or without `format` an `Accept` header naming `application/pdf` or `text/csv` " +
          "(the highest q-value among those and `application/json` wins; anything else, or no header, is JSON). `format` takes precedence over `Accept`; " +
          "`/billing/invoices/{id}.pdf` and `{id}.csv` name the document in the path and take precedence over both. " +
          "Another partner's invoice is 404.",
      }),
    ),
  },
  "/billing/invoices/{id}/mark-paid": {
    post: op({
      summary: "Mark an invoice paid",
      tags: ["Billing"],
      admin: true,
      scopes: ["write:billing"],
      path: IdPath,
      body: MarkPaidInput,
      response: Invoice,
      errors: [409],
      description:
        "Records the payment (`reference`, `paidAt`, default now; not in the future) on an `open` or `overdue` invoice and publishes `billing.payment_received`. A paid or void invoice answers 409 `INVALID_TRANSITION`.",
    }),
  },
  "/billing/invoices/{id}/void": {
    post: op({
      summary: "Void an invoice",
      tags: ["Billing"],
      admin: true,
      scopes: ["write:billing"],
      path: IdPath,
      body: VoidInvoiceInput,
      response: Invoice,
      errors: [409],
      description:
        "Voids an `open` or `overdue` invoice with a reason. It keeps its number and stays on record; running its period again for the partner issues a new invoice. A paid or void invoice answers 409 `INVALID_TRANSITION`.",
    }),
  },
};
