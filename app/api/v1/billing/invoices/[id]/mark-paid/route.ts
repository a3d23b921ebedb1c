import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { markInvoicePaid } from "@/lib/billing/invoices/invoice-lifecycle";
import { MarkPaidInput } from "@/lib/billing/schemas";

export const POST = route({ admin: true, scopes: ["write:billing"], body: MarkPaidInput, audit: "invoice.paid" }, ({ db, principal, params, body }) =>
  markInvoicePaid(db, principal, params.id, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
