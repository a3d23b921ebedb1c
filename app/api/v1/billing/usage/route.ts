import { route } from "@/lib/http/route";
import { BillingUsageQuery } from "@/lib/usage/schemas";
import { billingUsage } from "@/lib/usage/usage-for-caller";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:billing"], query: BillingUsageQuery }, ({ db, principal, query }) => billingUsage(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
