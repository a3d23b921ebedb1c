import { eq, sql, type SQL } from "drizzle-orm";
import { partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden, NotFound } from "@/lib/errors";
import { isUuid } from "@/lib/db/errors";

/** The partners a principal may see: all for admins, their own otherwise, none for customers. */
export function visiblePartners(p: Principal): SQL {
  if (isAdmin(p)) return sql`true`;
  if (!p.partnerId) return sql`false`;
  return eq(partners.id, p.partnerId);
}

/** Throws NotFound (never Forbidden) for a partner the caller cannot see, so ids don't leak. */
export function assertPartnerVisible(p: Principal, partnerId: string) {
  if (!isUuid(partnerId)) throw new NotFound("Partner");
  if (!isAdmin(p) && p.partnerId !== partnerId) throw new NotFound("Partner");
}

export function assertPartnerOwner(p: Principal) {
  if (isAdmin(p)) return;
  if (p.type !== "session" || p.partnerRole !== "owner") {
    throw new Forbidden("Only the partner's owner can accept agreements");
  }
}
