import { partnerTiers, type PartnerTier } from "@/lib/partners/schemas";

// An app acts inside customers' accounts with the scopes it is granted at
// install, so what it may ask for depends on how far we trust the partner who
// built it. Apps work on customer data; the platform's own areas (partners,
// keys, billing, applications, …) are never for apps, and neither are
// wildcards or admin: a customer must be able to read exactly what an app gets.

export type { PartnerTier };

const standard = [
  "read:leads",
  "write:leads",
  "read:policies",
  "write:policies",
  "read:claims",
  "write:claims",
  "read:users",
  "write:users",
  "read:events",
  "read:webhooks",
] as const;
const premium = [...standard, "manage:leads", "manage:policies", "manage:claims"] as const;
const enterprise = [...premium, "manage:users"] as const;

/** Every scope an app of a partner of each tier may request; each tier includes the ones before it. */
export const tierScopes: Readonly<Record<PartnerTier, readonly string[]>> = { standard, premium, enterprise };

export function scopesAllowedForTier(tier: PartnerTier): (scope: string) => boolean {
  const allowed = new Set(tierScopes[tier]);
  return (scope) => allowed.has(scope);
}

/** The lowest tier whose apps may request `scope`, or null when no app may. */
export function minimumTierForScope(scope: string): PartnerTier | null {
  return partnerTiers.find((t) => tierScopes[t].includes(scope)) ?? null;
}
