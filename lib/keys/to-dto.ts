import type { apiKeys } from "@/db/schema";
import type { ApiKey } from "./schemas";
import { effectiveLimit } from "./tier-limits";

type Row = typeof apiKeys.$inferSelect & { createdByName: string | null; partnerTier: string };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The status a person should see: rotated keys past their grace and keys past expiry read "expired". */
export function effectiveStatus(r: Pick<Row, "status" | "expiresAt" | "graceEndsAt">, now = new Date()): ApiKey["status"] {
  if (r.status === "revoked" || r.status === "expired") return r.status;
  if (r.expiresAt && r.expiresAt <= now) return "expired";
  if (r.status === "expiring" && (!r.graceEndsAt || r.graceEndsAt <= now)) return "expired";
  return r.status;
}

export function toApiKey(r: Row): ApiKey {
  return {
    id: r.id,
    partnerId: r.partnerId,
    name: r.name,
    prefix: r.prefix,
    last4: r.last4,
    scopes: r.scopes,
    status: effectiveStatus(r),
    ratelimitPerMinute: effectiveLimit(r.partnerTier, r.ratelimitPerMinute),
    customRatelimit: r.ratelimitPerMinute != null,
    expiresAt: iso(r.expiresAt),
    graceEndsAt: iso(r.graceEndsAt),
    lastUsedAt: iso(r.lastUsedAt),
    createdBy: r.createdBy && r.createdByName ? { id: r.createdBy, name: r.createdByName } : null,
    rotatedFromId: r.rotatedFromId,
    revokedAt: iso(r.revokedAt),
    createdAt: r.createdAt.toISOString(),
  };
}
