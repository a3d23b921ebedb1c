import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listInvoices } from "@/lib/billing/invoices/invoice-item";
import { InvoiceListQuery } from "@/lib/billing/schemas";

export const GET = route({ scopes: ["read:billing"], query: InvoiceListQuery }, ({ db, principal, query }) => listInvoices(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
