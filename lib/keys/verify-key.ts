import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, partners } from "@/db/schema";
import { cacheKey, cachedKey, type KeyRecord } from "./key-cache";
import { hashKey, isWellFormedKey } from "./key-format";
import type { VerifyCode } from "./schemas";
import { effectiveLimit } from "./tier-limits";

export type KeyVerification =
  | { valid: true; record: KeyRecord; limit: number }
  | { valid: false; code: VerifyCode; record?: KeyRecord };

async function loadKey(db: Db, hash: string): Promise<KeyRecord | null> {
  const cached = cachedKey(hash);
  if (cached) return cached.record;
  const [row] = await db
    .select({
      id: apiKeys.id,
      partnerId: apiKeys.partnerId,
      scopes: apiKeys.scopes,
      status: apiKeys.status,
      expiresAt: apiKeys.expiresAt,
      graceEndsAt: apiKeys.graceEndsAt,
      ratelimitPerMinute: apiKeys.ratelimitPerMinute,
      partnerStatus: partners.status,
      partnerTier: partners.tier,
    })
    .from(apiKeys)
    .innerJoin(partners, eq(partners.id, apiKeys.partnerId))
    .where(eq(apiKeys.hash, hash))
    .limit(1);
  const record = row ?? null;
  cacheKey(hash, record);
  return record;
}

/**
 * Expected failures are results, not exceptions (the caller maps them to HTTP).
 * Cheap checks first: shape and checksum, then the 5 s cache, then the database.
 */
export async function verifyKey(db: Db, key: string, now = new Date()): Promise<KeyVerification> {
  if (!isWellFormedKey(key)) return { valid: false, code: "NOT_FOUND" };
  const record = await loadKey(db, hashKey(key));
  if (!record) return { valid: false, code: "NOT_FOUND" };
  if (record.status === "revoked") return { valid: false, code: "REVOKED", record };
  if (record.status === "expired") return { valid: false, code: "EXPIRED", record };
  if (record.expiresAt && record.expiresAt <= now) return { valid: false, code: "EXPIRED", record };
  if (record.status === "expiring" && (!record.graceEndsAt || record.graceEndsAt <= now)) return { valid: false, code: "EXPIRED", record };
  if (record.partnerStatus !== "active") return { valid: false, code: "PARTNER_SUSPENDED", record };
  return { valid: true, record, limit: effectiveLimit(record.partnerTier, record.ratelimitPerMinute) };
}
