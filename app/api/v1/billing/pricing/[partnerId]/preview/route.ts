import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { previewPlan } from "@/lib/billing/pricing-plans";
import { PricingPlanInput } from "@/lib/billing/schemas";

// A read with a body: nothing is stored, so no idempotency record and no audit row.
export const POST = route({ admin: true, body: PricingPlanInput, idempotent: false, audit: false }, ({ db, principal, params, body }) =>
  previewPlan(db, principal, params.partnerId, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
