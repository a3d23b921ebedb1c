import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { invoiceTotals } from "@/lib/billing/invoices/invoice-totals";
import { InvoiceTotalsQuery } from "@/lib/billing/schemas";

export const GET = route({ scopes: ["read:billing"], query: InvoiceTotalsQuery }, ({ db, principal, query }) => invoiceTotals(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
