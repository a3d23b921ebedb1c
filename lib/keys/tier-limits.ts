import { config } from "@/lib/config";

/** Requests per minute a partner tier allows each key. */
export function tierLimit(tier: string): number {
  const c = config();
  return tier === "standard" ? c.DEFAULT_RATE_LIMIT : c.PREMIUM_RATE_LIMIT;
}

/** A key's own limit may only lower its tier's. */
export function effectiveLimit(tier: string, keyLimit: number | null): number {
  const t = tierLimit(tier);
  return keyLimit ? Math.min(keyLimit, t) : t;
}
