import { processState } from "@/lib/process-state";
import type { TokenRecord } from "./token-bearer-resolver";

// Like API keys: a verified access token is cached per process for at most 5 s,
// so a busy token costs one database read per 5 s. Every revocation path calls
// forgetTokens(), which takes effect at once on this instance and within 5 s on others.
// Introspection always reads the database.

const TTL_MS = 5_000;
type Entry = { record: TokenRecord | null; at: number };
const cache = processState("tokenCache", () => new Map<string, Entry>());

export function cachedToken(hash: string, now = Date.now()): Entry | undefined {
  const e = cache.get(hash);
  if (e && now - e.at < TTL_MS) return e;
  if (e) cache.delete(hash);
  return undefined;
}

export function cacheToken(hash: string, record: TokenRecord | null, now = Date.now()) {
  if (cache.size >= 50_000) cache.delete(cache.keys().next().value as string);
  cache.set(hash, { record, at: now });
}

/** Revocations are rare; dropping the whole cache keeps every revocation path simple and immediate. */
export function forgetTokens() {
  cache.clear();
}
