import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { payoutBalance } from "@/lib/billing/payouts/payout-balance";
import { PayoutBalanceQuery } from "@/lib/billing/payouts/schemas";

export const GET = route({ scopes: ["read:billing"], query: PayoutBalanceQuery }, ({ db, principal, query }) => payoutBalance(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
