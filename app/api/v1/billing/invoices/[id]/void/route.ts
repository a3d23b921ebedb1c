import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { voidInvoice } from "@/lib/billing/invoices/invoice-lifecycle";
import { VoidInvoiceInput } from "@/lib/billing/schemas";

export const POST = route({ admin: true, scopes: ["write:billing"], body: VoidInvoiceInput, audit: "invoice.voided" }, ({ db, principal, params, body }) =>
  voidInvoice(db, principal, params.id, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
