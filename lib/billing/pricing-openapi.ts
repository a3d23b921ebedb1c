import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import { InvoiceLine, PricingPlan, PricingPlanInput, PricingWithHistory } from "./schemas";

const PartnerPath = z.object({ partnerId: z.uuid() });
const Preview = z
  .object({
    period: z.string(),
    billableCalls: z.number().int(),
    invoice: z
      .object({ currency: z.string(), lines: z.array(InvoiceLine), subtotalCents: z.number().int(), taxCents: z.number().int(), totalCents: z.number().int() })
      .nullable(),
  })
  .meta({ id: "PricingPreview" });

const rules =
  "Plans are a history: flat fees are prorated by days to each plan in force during a period; usage, the minimum, tax and currency come from the plan in force on the period's last day. A plan whose `effectiveFrom` is not after the latest plan's replaces it. `revenue_share` needs `revenueShareBps > 0`, `flat_fee` needs `flatFeeCents`, `usage_based` needs `tiers`, `hybrid` both; tiers ascend and the last has `upTo: null` (422 names the field, e.g. `tiers.1.upTo`).";

export const pricingPaths: ZodOpenApiPathsObject = {
  "/billing/pricing/{partnerId}": {
    get: op({
      summary: "A partner's pricing plan and its history",
      tags: ["Billing"],
      scopes: ["read:billing"],
      path: PartnerPath,
      response: PricingWithHistory,
      description: "The latest plan (which may take effect later) and every plan, newest first. The partner itself and admins; 404 without a plan.",
    }),
    put: op({ summary: "Set a partner's pricing plan", tags: ["Billing"], admin: true, path: PartnerPath, body: PricingPlanInput, response: PricingPlan, description: rules }),
  },
  "/billing/pricing/{partnerId}/preview": {
    post: op({
      summary: "Price last month's usage with a plan (not saved)",
      tags: ["Billing"],
      admin: true,
      path: PartnerPath,
      body: PricingPlanInput,
      response: Preview,
      idempotent: false,
      description: "The invoice the partner's last calendar month would have produced had this plan been in force all month. Stores nothing.",
    }),
  },
  "/billing/pricing/default": {
    get: op({ summary: "The default plan for new partners", tags: ["Billing"], admin: true, response: PricingWithHistory, errors: [404] }),
    put: op({
      summary: "Set the default plan for new partners",
      tags: ["Billing"],
      admin: true,
      body: PricingPlanInput,
      response: PricingPlan,
      description: "Copied to each partner created from then on, effective from its creation. Existing partners keep their plans.",
    }),
  },
};
