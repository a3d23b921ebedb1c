import type { Db } from "@/db";
import { apiKeys } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { requireWithinCeiling } from "@/lib/auth/credential-ceiling";
import { Invalid } from "@/lib/errors";
import { activePartnerFor } from "@/lib/partners/active-partner";
import { displayParts, generateKey, hashKey } from "./key-format";
import type { CreateApiKey, CreatedApiKey } from "./schemas";
import { tierLimit } from "./tier-limits";

type KeyFields = { name: string; scopes: string[]; expiresAt: Date | null; ratelimitPerMinute: number | null; rotatedFromId?: string };

/** Inserts a fresh key and returns the one response that ever carries the secret. */
export async function insertKey(db: Db, partnerId: string, createdBy: string | null, f: KeyFields, tier: string): Promise<CreatedApiKey> {
  const key = generateKey();
  const { prefix, last4 } = displayParts(key);
  const [row] = await db
    .insert(apiKeys)
    .values({
      partnerId,
      name: f.name,
      prefix,
      last4,
      hash: hashKey(key),
      scopes: f.scopes,
      expiresAt: f.expiresAt,
      ratelimitPerMinute: f.ratelimitPerMinute,
      createdBy,
      rotatedFromId: f.rotatedFromId ?? null,
    })
    .returning();
  return {
    id: row.id,
    name: row.name,
    key,
    prefix,
    scopes: row.scopes,
    status: "active",
    ratelimitPerMinute: Math.min(row.ratelimitPerMinute ?? Infinity, tierLimit(tier)),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createKey(db: Db, principal: Principal, input: CreateApiKey): Promise<CreatedApiKey> {
  const partner = await activePartnerFor(db, principal);
  if (input.scopes.includes("admin")) throw new Invalid("Partner keys cannot have the admin scope", [{ path: "scopes", message: "admin is not allowed" }]);
  requireWithinCeiling(principal, input.scopes, "The key");
  const limit = tierLimit(partner.tier);
  if (input.ratelimitPerMinute && input.ratelimitPerMinute > limit) {
    throw new Invalid(`The per-key limit may only lower your tier's limit of ${limit}/min`, [
      { path: "ratelimitPerMinute", message: `must be at most ${limit}` },
    ]);
  }
  return insertKey(
    db,
    partner.id,
    principal.userId,
    {
      name: input.name,
      scopes: [...new Set(input.scopes)],
      expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
      ratelimitPerMinute: input.ratelimitPerMinute ?? null,
    },
    partner.tier,
  );
}
