import { route } from "@/lib/http/route";
import { UsageQuery } from "@/lib/usage/schemas";
import { keyUsage } from "@/lib/usage/usage-for-caller";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:keys"], query: UsageQuery }, ({ db, principal, params, query }) => keyUsage(db, principal, params.id, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
