import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listPayouts } from "@/lib/billing/payouts/list-payouts";
import { PayoutListQuery } from "@/lib/billing/schemas";

export const GET = route({ scopes: ["read:billing"], query: PayoutListQuery }, ({ db, principal, query }) => listPayouts(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
