// Shapes as the API returns them (JSON), for the portal's client components.
export const partnerStatuses = ["pending", "active", "suspended", "rejected"] as const;
export type PartnerStatus = (typeof partnerStatuses)[number];

export type Partner = {
  id: string;
  name: string;
  slug: string;
  type: string;
  status: string;
  tier: string;
  website: string | null;
  description: string;
  country: string | null;
  statusReason: string | null;
  statusChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type Contact = {
  id: string;
  kind: "business" | "technical" | "billing";
  name: string;
  email: string;
  phone: string | null;
  title: string | null;
  isPrimary: boolean;
  createdAt: string;
};

export type Agreement = {
  id: string;
  kind: string;
  version: string;
  title: string;
  body: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
  createdAt: string;
};

// The API's own shape, so the portal cannot drift from it.
export type { PartnerStats } from "@/lib/partners/schemas";
