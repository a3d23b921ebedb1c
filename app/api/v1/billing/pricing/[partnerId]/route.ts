import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getPricing, putPricing } from "@/lib/billing/pricing-plans";
import { PricingPlanInput } from "@/lib/billing/schemas";

export const GET = route({ scopes: ["read:billing"] }, ({ db, principal, params }) => getPricing(db, principal, params.partnerId));

export const PUT = route({ admin: true, body: PricingPlanInput, audit: "billing.pricing_changed" }, ({ db, principal, params, body }) =>
  putPricing(db, principal, params.partnerId, body),
);

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
