import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { DomainError, Forbidden } from "@/lib/errors";

/** The caller's partner if it is active; keys, webhooks and listings open only then. */
export async function activePartnerFor(db: Db, principal: Principal) {
  if (!principal.partnerId) {
    throw new Forbidden(isAdmin(principal) ? "This belongs to partners; sign in as a partner member" : "Only partners can do this");
  }
  const [partner] = await db.select({ status: partners.status, tier: partners.tier }).from(partners).where(eq(partners.id, principal.partnerId));
  if (partner?.status !== "active") {
    throw new DomainError("PARTNER_NOT_ACTIVE", "This opens once your partner account is approved and active");
  }
  return { id: principal.partnerId, tier: partner.tier };
}
