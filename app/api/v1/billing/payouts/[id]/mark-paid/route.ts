import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { markPayoutPaid } from "@/lib/billing/payouts/mark-payout-paid";
import { MarkPaidInput } from "@/lib/billing/schemas";

export const POST = route({ admin: true, scopes: ["write:billing"], body: MarkPaidInput, audit: "payout.paid" }, ({ db, principal, params, body }) =>
  markPayoutPaid(db, principal, params.id, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
