import type { Db } from "@/db";
import { usageCounters } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { putPricing } from "@/lib/billing/pricing-plans";
import { PricingPlanInput } from "@/lib/billing/schemas";

/** A platform admin acting from code (tests). */
export function platformAdmin(userId: string | null = null): Principal {
  return { type: "session", userId, partnerId: null, partnerRole: null, accountId: null, isPlatformAdmin: true, scopes: ["admin"], credentialId: null };
}

/** Puts a plan as the API would (defaults applied by the schema). */
export async function setPlan(db: Db, partnerId: string, input: Partial<PricingPlanInput> & Pick<PricingPlanInput, "model">) {
  return putPricing(db, platformAdmin(), partnerId, PricingPlanInput.parse(input));
}

/** Metered calls on a day (default: 2xx, one route group), added to what is there. */
export async function addUsage(db: Db, partnerId: string, day: string, count: number, opts: { statusClass?: "2xx" | "4xx" | "5xx"; routeGroup?: string } = {}) {
  await db.insert(usageCounters).values({ partnerId, day, count, routeGroup: opts.routeGroup ?? "keys", statusClass: opts.statusClass ?? "2xx" });
}
