import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { getRateLimiter } from "@/lib/ratelimit/rate-limiter";
import type { VerifyResult } from "./schemas";
import { verifyKey } from "./verify-key";

/**
 * POST /keys/verify: for the platform's services (admin credentials) or a
 * partner checking its own keys. Another partner's key reads NOT_FOUND.
 * A successful verification spends one request from the key's bucket, as a real call would.
 */
export async function verifyKeyForCaller(db: Db, principal: Principal, key: string): Promise<VerifyResult> {
  const result = await verifyKey(db, key);
  const record = result.record;
  if (record && !isAdmin(principal) && record.partnerId !== principal.partnerId) return { valid: false, code: "NOT_FOUND" };
  if (!result.valid) return { valid: false, code: result.code, keyId: record?.id, partnerId: record?.partnerId };
  const rl = await getRateLimiter().take(`key:${result.record.id}`, result.limit);
  const base = {
    keyId: result.record.id,
    partnerId: result.record.partnerId,
    scopes: result.record.scopes,
    ratelimit: { limit: rl.limit, remaining: rl.remaining, reset: rl.resetSeconds },
  };
  return rl.allowed ? { valid: true, ...base } : { valid: false, code: "RATE_LIMITED", ...base };
}
