import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getPayout } from "@/lib/billing/payouts/get-payout";

export const GET = route({ scopes: ["read:billing"] }, ({ db, principal, params }) => getPayout(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
