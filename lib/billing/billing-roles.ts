import type { PartnerRole } from "@/lib/partners/schemas";

/** Who hears about a partner's money (invoices, payouts): its owners, admins and billing members, not its developers. */
export const BILLING_ROLES: PartnerRole[] = ["owner", "admin", "billing"];
