import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listPayoutStatements } from "@/lib/billing/payouts/list-payout-statements";
import { PayoutStatementListQuery } from "@/lib/billing/payouts/schemas";

export const GET = route({ scopes: ["read:billing"], query: PayoutStatementListQuery }, ({ db, principal, query }) =>
  listPayoutStatements(db, principal, query),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
