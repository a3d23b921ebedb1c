import type { partnerAgreements, partnerContacts, partners } from "@/db/schema";
import type { Agreement, Contact, Partner } from "./schemas";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toPartner(r: typeof partners.$inferSelect): Partner {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    type: r.type,
    status: r.status,
    tier: r.tier,
    website: r.website,
    description: r.description,
    country: r.country,
    statusReason: r.statusReason,
    statusChangedAt: iso(r.statusChangedAt),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toContact(r: typeof partnerContacts.$inferSelect): Contact {
  return {
    id: r.id,
    partnerId: r.partnerId,
    kind: r.kind,
    name: r.name,
    email: r.email,
    phone: r.phone,
    title: r.title,
    isPrimary: r.isPrimary,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toAgreement(r: typeof partnerAgreements.$inferSelect): Agreement {
  return {
    id: r.id,
    partnerId: r.partnerId,
    kind: r.kind,
    version: r.version,
    title: r.title,
    body: r.body,
    acceptedBy: r.acceptedBy,
    acceptedAt: iso(r.acceptedAt),
    createdAt: r.createdAt.toISOString(),
  };
}
