import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { requireWithinCeiling } from "@/lib/auth/credential-ceiling";
import { Conflict } from "@/lib/errors";
import { activePartnerFor } from "@/lib/partners/active-partner";
import { insertKey } from "./create-key";
import { forgetKey } from "./key-cache";
import { keyRow } from "./key-queries";
import type { CreatedApiKey } from "./schemas";
import { effectiveStatus } from "./to-dto";

/** A new key with the same name, scopes and limits; the old one keeps working for the grace period. */
export async function rotateKey(db: Db, principal: Principal, id: string, gracePeriodSeconds: number): Promise<CreatedApiKey> {
  const old = await keyRow(db, principal, id);
  // Rotation hands out a new secret with the old key's scopes.
  requireWithinCeiling(principal, old.scopes, "The key");
  const partner = await activePartnerFor(db, { ...principal, partnerId: old.partnerId });
  if (effectiveStatus(old) !== "active") throw new Conflict(`Only active keys can be rotated; this one is ${effectiveStatus(old)}`);
  const created = await db.transaction(async (tx) => {
    const graceEndsAt = new Date(Date.now() + gracePeriodSeconds * 1000);
    const updated = await tx
      .update(apiKeys)
      .set({ status: "expiring", graceEndsAt, updatedAt: new Date() })
      .where(and(eq(apiKeys.id, id), eq(apiKeys.status, "active")))
      .returning({ id: apiKeys.id });
    if (!updated.length) throw new Conflict("The key changed while rotating it; try again");
    return insertKey(
      tx,
      old.partnerId,
      principal.userId,
      { name: old.name, scopes: old.scopes, expiresAt: old.expiresAt, ratelimitPerMinute: old.ratelimitPerMinute, rotatedFromId: old.id },
      partner.tier,
    );
  });
  forgetKey(id);
  return created;
}
