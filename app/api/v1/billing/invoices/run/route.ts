import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { requestRun } from "@/lib/billing/billing-runs";
import { RunInvoicesInput } from "@/lib/billing/schemas";

export const POST = route({ admin: true, body: RunInvoicesInput, audit: "billing.invoices_run" }, ({ db, principal, body }) =>
  requestRun(db, principal, { kind: "invoices", ...body }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
