import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { InvoiceDocumentQuery } from "@/lib/billing/invoices/document-format";
import { invoiceInFormat } from "@/lib/billing/invoices/invoice-document";

// JSON, or the PDF / CSV document (`{id}.pdf`, `{id}.csv`, `?format=` or Accept). Issued invoices never change: no PATCH.
export const GET = route({ scopes: ["read:billing"], query: InvoiceDocumentQuery }, ({ db, principal, params, query, req, requestId }) =>
  invoiceInFormat(db, principal, params.id, { format: query.format, accept: req.headers.get("accept"), requestId }),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
