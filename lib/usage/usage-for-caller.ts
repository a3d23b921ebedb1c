import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { keyRow } from "@/lib/keys/key-queries";
import { getUsage } from "./get-usage";

export async function keyUsage(db: Db, principal: Principal, keyId: string, q: { from?: string; to?: string }) {
  const key = await keyRow(db, principal, keyId);
  return getUsage(db, { partnerId: key.partnerId, credentialId: key.id, from: q.from, to: q.to });
}

/** A partner's usage; admins may name any partner, or see the whole platform without one. */
export async function billingUsage(
  db: Db,
  principal: Principal,
  q: { from?: string; to?: string; keyId?: string; routeGroup?: string; partnerId?: string },
) {
  let partnerId = principal.partnerId ?? undefined;
  if (isAdmin(principal)) partnerId = q.partnerId;
  else if (q.partnerId && q.partnerId !== principal.partnerId) throw new Forbidden("You can only see your own partner's usage");
  if (!partnerId && !isAdmin(principal)) throw new Forbidden("Only partners have usage");
  if (q.keyId) await keyRow(db, principal, q.keyId);
  return getUsage(db, { partnerId, credentialId: q.keyId, routeGroup: q.routeGroup, from: q.from, to: q.to, breakdown: true });
}
