import type { Db } from "@/db";
import { usageCounters } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { putPricing } from "@/lib/billing/pricing-plans";
import type { PricingPlanInput } from "@/lib/billing/schemas";
import { PricingPlanInput as PlanInput } from "@/lib/billing/schemas";

/** A platform admin acting from code (tests, seed). */
export const platformAdmin: Principal = {
  type: "session",
  userId: null,
  partnerId: null,
  partnerRole: null,
  accountId: null,
  isPlatformAdmin: true,
  scopes: ["admin"],
  credentialId: null,
};

/** Puts a plan as the API would (defaults applied by the schema). */
export async function setPlan(db: Db, partnerId: string, input: z_in) {
  return putPricing(db, platformAdmin, partnerId, PlanInput.parse(input));
}
type z_in = Partial<PricingPlanInput> & Pick<PricingPlanInput, "model">;

/** Metered calls on a day (default: 2xx, one route group), added to what is there. */
export async function addUsage(db: Db, partnerId: string, day: string, count: number, opts: { statusClass?: "2xx" | "4xx" | "5xx"; routeGroup?: string } = {}) {
  await db.insert(usageCounters).values({ partnerId, day, count, routeGroup: opts.routeGroup ?? "keys", statusClass: opts.statusClass ?? "2xx" });
}
