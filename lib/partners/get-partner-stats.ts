import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { apiKeys, applications, integrations, partnerAgreements, partnerContacts, supportTickets, webhookEndpoints } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { getPartnerRow } from "./get-partner";
import type { PartnerStats } from "./schemas";


export async function getPartnerStats(db: Db, principal: Principal, partnerId: string): Promise<PartnerStats> {
  await getPartnerRow(db, principal, partnerId);
  const n = async (q: Promise<Array<{ n: number }>>) => Number((await q)[0]?.n ?? 0);
  const [apps, keys, endpoints, installs, tickets, contacts, technical, billing, issued, pending] = await Promise.all([
    n(db.select({ n: count() }).from(applications).where(eq(applications.partnerId, partnerId))),
    n(db.select({ n: count() }).from(apiKeys).where(and(eq(apiKeys.partnerId, partnerId), inArray(apiKeys.status, ["active", "expiring"])))),
    n(db.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.partnerId, partnerId))),
    n(db.select({ n: count() }).from(integrations).where(and(eq(integrations.partnerId, partnerId), isNull(integrations.uninstalledAt)))),
    n(
      db
        .select({ n: count() })
        .from(supportTickets)
        .where(and(eq(supportTickets.partnerId, partnerId), inArray(supportTickets.status, ["open", "pending"]))),
    ),
    n(db.select({ n: count() }).from(partnerContacts).where(eq(partnerContacts.partnerId, partnerId))),
    n(db.select({ n: count() }).from(partnerContacts).where(and(eq(partnerContacts.partnerId, partnerId), eq(partnerContacts.kind, "technical")))),
    n(db.select({ n: count() }).from(partnerContacts).where(and(eq(partnerContacts.partnerId, partnerId), eq(partnerContacts.kind, "billing")))),
    n(db.select({ n: count() }).from(partnerAgreements).where(eq(partnerAgreements.partnerId, partnerId))),
    n(
      db
        .select({ n: count() })
        .from(partnerAgreements)
        .where(and(eq(partnerAgreements.partnerId, partnerId), isNull(partnerAgreements.acceptedAt))),
    ),
  ]);
  return {
    applications: apps,
    apiKeys: keys,
    webhookEndpoints: endpoints,
    installations: installs,
    openTickets: tickets,
    contacts,
    technicalContacts: technical,
    billingContacts: billing,
    agreementsIssued: issued,
    pendingAgreements: pending,
  };
}
