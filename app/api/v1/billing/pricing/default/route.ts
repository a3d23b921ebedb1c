import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getDefaultPricing, putDefaultPricing } from "@/lib/billing/pricing-plans";
import { PricingPlanInput } from "@/lib/billing/schemas";

export const GET = route({ admin: true }, ({ db }) => getDefaultPricing(db));

export const PUT = route({ admin: true, body: PricingPlanInput, audit: "billing.default_pricing_changed" }, ({ db, principal, body }) =>
  putDefaultPricing(db, principal, body),
);

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
