import { config } from "@/lib/config";

/** Net below this carries forward instead of paying out (`PAYOUT_MINIMUM_CENTS`, default $25 as Shopify's partner payouts). */
export function payoutMinimumCents(): number {
  return config().PAYOUT_MINIMUM_CENTS;
}
