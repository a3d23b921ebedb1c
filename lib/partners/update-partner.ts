import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { partners } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { syncListingNames } from "@/lib/marketplace/manage-listings";
import { getPartnerRow } from "./get-partner";
import type { Partner, UpdatePartner } from "./schemas";
import { toPartner } from "./to-dto";

export async function updatePartner(db: Db, principal: Principal, id: string, input: UpdatePartner): Promise<Partner> {
  await getPartnerRow(db, principal, id);
  if (input.tier !== undefined && !isAdmin(principal)) throw new Forbidden("Only platform admins change a partner's tier");
  if (principal.type === "session" && !isAdmin(principal) && !["owner", "admin"].includes(principal.partnerRole ?? "")) {
    throw new Forbidden("Only the partner's owners and admins edit its profile");
  }
  const [row] = await db
    .update(partners)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(partners.id, id))
    .returning();
  // Listings carry the partner's name in their search vector.
  if (input.name !== undefined) await syncListingNames(db, { partnerId: id });
  return toPartner(row);
}
