import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, partners, users } from "@/db/schema";
import type { PartnerTier } from "@/lib/partners/schemas";
import type { Principal } from "./principal";
import { principalForUser } from "@/lib/http/session-principal";

export type Viewer = {
  principal: Principal;
  user: { id: string; name: string; email: string };
  partner: { id: string; name: string; slug: string; status: string; statusReason: string | null; tier: PartnerTier } | null;
  account: { id: string; name: string } | null;
};

/** Everything the portal chrome needs about the signed-in user, in one place. */
export async function loadViewer(db: Db, userId: string): Promise<Viewer | null> {
  const principal = await principalForUser(db, userId);
  if (!principal) return null;
  const [user] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId));
  const [partner] = principal.partnerId
    ? await db
        .select({ id: partners.id, name: partners.name, slug: partners.slug, status: partners.status, statusReason: partners.statusReason, tier: partners.tier })
        .from(partners)
        .where(eq(partners.id, principal.partnerId))
    : [];
  const [account] = principal.accountId
    ? await db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, principal.accountId))
    : [];
  return { principal, user, partner: partner ?? null, account: account ?? null };
}
