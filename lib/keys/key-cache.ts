// Verified-key lookups are cached per process for at most 5 s, so a busy key
// costs one database read per 5 s rather than one per request. Revocation and
// rotation clear the entry on the instance that made the change at once; other
// instances see it when their entry expires: within 5 s everywhere.

import { processState } from "@/lib/process-state";

export const KEY_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 50_000;

export type KeyRecord = {
  id: string;
  partnerId: string;
  scopes: string[];
  status: "active" | "expiring" | "revoked" | "expired";
  expiresAt: Date | null;
  graceEndsAt: Date | null;
  ratelimitPerMinute: number | null;
  partnerStatus: string;
  partnerTier: string;
};

type Entry = { record: KeyRecord | null; at: number };
// One per process: a revocation handled by one route must clear the entry every other route reads.
const byHash = processState("keyCache", () => new Map<string, Entry>());

export function cachedKey(hash: string, now = Date.now()): Entry | undefined {
  const e = byHash.get(hash);
  if (!e) return undefined;
  if (now - e.at >= KEY_CACHE_TTL_MS) {
    byHash.delete(hash);
    return undefined;
  }
  return e;
}

export function cacheKey(hash: string, record: KeyRecord | null, now = Date.now()) {
  if (byHash.size >= MAX_ENTRIES) byHash.delete(byHash.keys().next().value as string);
  byHash.set(hash, { record, at: now });
}

export function forgetKey(keyId: string) {
  for (const [hash, e] of byHash) if (e.record?.id === keyId) byHash.delete(hash);
}

export function forgetPartnerKeys(partnerId: string) {
  for (const [hash, e] of byHash) if (e.record?.partnerId === partnerId) byHash.delete(hash);
}

export function clearKeyCache() {
  byHash.clear();
}
