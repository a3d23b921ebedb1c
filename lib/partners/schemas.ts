import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";

export const partnerRoles = ["owner", "admin", "developer", "billing"] as const;
export type PartnerRole = (typeof partnerRoles)[number];
export const partnerStatuses = ["pending", "active", "suspended", "rejected"] as const;
export const partnerTypes = ["technology", "carrier", "agency", "consultant", "data_provider"] as const;
export const partnerTiers = ["standard", "premium", "enterprise"] as const;
export type PartnerTier = (typeof partnerTiers)[number];
export const contactKinds = ["business", "technical", "billing"] as const;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(48)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "use lowercase letters, digits and single dashes");
const Url = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(500);

export const Partner = z
  .object({
    id: z.uuid(),
    name: z.string(),
    slug: z.string(),
    type: z.enum(partnerTypes),
    status: z.enum(partnerStatuses),
    tier: z.enum(partnerTiers),
    website: z.string().nullable(),
    description: z.string(),
    country: z.string().nullable(),
    statusReason: z.string().nullable(),
    statusChangedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Partner" });
export type Partner = z.infer<typeof Partner>;

export const CreatePartner = z
  .object({
    name: trimmed(120),
    slug: Slug.optional(),
    type: z.enum(partnerTypes).default("technology"),
    website: Url.optional(),
    description: z.string().trim().max(2000).optional(),
    country: z.string().trim().length(2).toUpperCase().optional(),
    tier: z.enum(partnerTiers).optional(),
  })
  .strict()
  .meta({ id: "CreatePartner" });
export type CreatePartner = z.infer<typeof CreatePartner>;

export const UpdatePartner = z
  .object({
    name: trimmed(120).optional(),
    type: z.enum(partnerTypes).optional(),
    website: Url.nullable().optional(),
    description: z.string().trim().max(2000).optional(),
    country: z.string().trim().length(2).toUpperCase().nullable().optional(),
    tier: z.enum(partnerTiers).optional().describe("Platform admins only"),
  })
  .strict()
  .meta({ id: "UpdatePartner" });
export type UpdatePartner = z.infer<typeof UpdatePartner>;

export const ListPartnersQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(partnerStatuses).optional(),
});
export type ListPartnersQuery = z.infer<typeof ListPartnersQuery>;

export const ChangePartnerStatus = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .strict()
  .meta({ id: "ChangePartnerStatus" });
export const SuspendPartner = z
  .object({ reason: z.string().trim().min(3, "say why the partner is suspended").max(500) })
  .strict()
  .meta({ id: "SuspendPartner" });

export const PartnerStats = z
  .object({
    applications: z.number().int(),
    apiKeys: z.number().int(),
    webhookEndpoints: z.number().int(),
    installations: z.number().int(),
    openTickets: z.number().int(),
    contacts: z.number().int(),
    technicalContacts: z.number().int(),
    billingContacts: z.number().int(),
    agreementsIssued: z.number().int(),
    pendingAgreements: z.number().int(),
  })
  .meta({ id: "PartnerStats" });
export type PartnerStats = z.infer<typeof PartnerStats>;

export const ActivityEntry = z
  .object({
    id: z.uuid(),
    action: z.string(),
    actor: z.object({ type: z.string(), name: z.string().describe("The member's name or email, the key's name, or the OAuth client's name") }),
    targetType: z.string(),
    targetId: z.string().nullable(),
    requestId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "ActivityEntry" });
export type ActivityEntry = z.infer<typeof ActivityEntry>;

export const Contact = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    kind: z.enum(contactKinds),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    isPrimary: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "PartnerContact" });
export type Contact = z.infer<typeof Contact>;

export const CreateContact = z
  .object({
    kind: z.enum(contactKinds),
    name: trimmed(120),
    email: z.email().max(254),
    phone: z.string().trim().max(40).regex(/^[+\d][\d\s().-]*$/, "not a phone number").optional(),
    title: z.string().trim().max(120).optional(),
    isPrimary: z.boolean().default(false),
  })
  .strict()
  .meta({ id: "CreateContact" });
export type CreateContact = z.infer<typeof CreateContact>;

export const UpdateContact = z
  .object({
    kind: z.enum(contactKinds).optional(),
    name: trimmed(120).optional(),
    email: z.email().max(254).optional(),
    phone: z.string().trim().max(40).regex(/^[+\d][\d\s().-]*$/, "not a phone number").nullable().optional(),
    title: z.string().trim().max(120).nullable().optional(),
    isPrimary: z.boolean().optional(),
  })
  .strict()
  .meta({ id: "UpdateContact" });
export type UpdateContact = z.infer<typeof UpdateContact>;

export const Agreement = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    kind: z.string(),
    version: z.string(),
    title: z.string(),
    body: z.string(),
    acceptedBy: z.uuid().nullable(),
    acceptedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "PartnerAgreement" });
export type Agreement = z.infer<typeof Agreement>;

export const IssueAgreement = z
  .object({
    kind: z.string().trim().min(1).max(60).regex(/^[a-z0-9_-]+$/, "use lowercase letters, digits, - and _"),
    version: z.string().trim().min(1).max(30),
    title: trimmed(200),
    body: z.string().trim().min(1).max(100_000),
  })
  .strict()
  .meta({ id: "IssueAgreement" });
export type IssueAgreement = z.infer<typeof IssueAgreement>;

export const SignUp = z
  .object({
    name: trimmed(120),
    email: z.email().max(254).toLowerCase(),
    password: z.string().min(10, "use at least 10 characters").max(200),
    partnerName: trimmed(120),
    website: Url.optional(),
  })
  .strict()
  .meta({ id: "SignUp" });
export type SignUp = z.infer<typeof SignUp>;

