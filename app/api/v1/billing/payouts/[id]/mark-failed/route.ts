import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { markPayoutFailed } from "@/lib/billing/payouts/mark-payout-failed";
import { MarkFailedInput } from "@/lib/billing/schemas";

export const POST = route({ admin: true, scopes: ["write:billing"], body: MarkFailedInput, audit: "payout.failed" }, ({ db, principal, params, body }) =>
  markPayoutFailed(db, principal, params.id, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
