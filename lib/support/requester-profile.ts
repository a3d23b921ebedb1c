import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, partners } from "@/db/schema";
import type { PartnerTier } from "@/lib/partners/schemas";
import type { RequesterOrg } from "./support-actor";

/** The requester organisation's name, and its tier for a partner (enterprise halves the SLA). */
export async function requesterProfile(db: Db, org: RequesterOrg): Promise<{ name: string; tier: PartnerTier | null }> {
  if (org.type === "partner") {
    const [p] = await db.select({ name: partners.name, tier: partners.tier }).from(partners).where(eq(partners.id, org.id));
    return { name: p?.name ?? "", tier: p?.tier ?? null };
  }
  const [a] = await db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, org.id));
  return { name: a?.name ?? "", tier: null };
}

/** The tier a ticket's targets follow: its partner's now (customers have none). */
export async function tierOf(db: Db, t: { partnerId: string | null }): Promise<PartnerTier | null> {
  if (!t.partnerId) return null;
  const [p] = await db.select({ tier: partners.tier }).from(partners).where(eq(partners.id, t.partnerId));
  return p?.tier ?? null;
}
