import { z } from "zod";
import { isValidScope } from "@/lib/auth/scopes";
import { PageQuery } from "@/lib/pagination/cursor";
import { applicationActions, applicationStatuses } from "./lifecycle";
import { isSemver } from "./semver";

// Drafts may hold what review will refuse (an http redirect URI, the admin scope, no privacy
// policy): the security checks at submit name those. Input validation here refuses only what is
// not the right kind of value at all.

const Url = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" }).max(2000);
const Scope = z.string().refine(isValidScope, "not a known scope (read|write|manage:<area>)");
const SemVer = z.string().trim().max(40).refine(isSemver, "must be a semantic version such as 1.2.0");

const structural = {
  redirectUris: z.array(z.string().trim().min(1).max(2000)).max(20).describe("Exact redirect URIs of the app's OAuth client"),
  webhookUrl: Url.nullable().describe("Where the platform sends the app's events"),
  healthCheckUrl: Url.nullable().describe("Answers 2xx when the app is up; probed at submit and every 5 minutes for installs"),
  requestedScopes: z.array(Scope).max(60).describe("Scopes installers grant the app"),
  scopeJustifications: z
    .record(Scope, z.string().trim().max(1000))
    .describe("Why the app needs each scope; every write/manage scope should have one of at least 20 characters"),
  configSchema: z.record(z.string(), z.unknown()).nullable().describe("JSON Schema (an object schema) of what an installer configures"),
  mappableFields: z
    .array(z.string().trim().min(1).max(100).regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, "letters, digits, _ and ."))
    .max(200)
    .describe("Fields installers can map to platform fields"),
};

const cosmetic = {
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(10_000),
  category: z.string().trim().min(1).max(60).nullable(),
  websiteUrl: Url.nullable(),
  logoUrl: Url.nullable(),
  privacyPolicyUrl: Url.nullable(),
  supportEmail: z.email().max(254).nullable(),
};

/** Fields whose change on a published app needs a new reviewed version. */
export const versionedFields = Object.keys(structural) as (keyof typeof structural)[];

export const CreateApplication = z
  .object({
    name: cosmetic.name,
    description: cosmetic.description.default(""),
    category: cosmetic.category.optional(),
    websiteUrl: cosmetic.websiteUrl.optional(),
    logoUrl: cosmetic.logoUrl.optional(),
    privacyPolicyUrl: cosmetic.privacyPolicyUrl.optional(),
    supportEmail: cosmetic.supportEmail.optional(),
    redirectUris: structural.redirectUris.default([]),
    webhookUrl: structural.webhookUrl.optional(),
    healthCheckUrl: structural.healthCheckUrl.optional(),
    requestedScopes: structural.requestedScopes.default([]),
    scopeJustifications: structural.scopeJustifications.optional(),
    configSchema: structural.configSchema.optional(),
    mappableFields: structural.mappableFields.default([]),
    version: SemVer.default("1.0.0"),
  })
  .strict()
  .meta({ id: "CreateApplication" });
export type CreateApplication = z.infer<typeof CreateApplication>;

export const UpdateApplication = z
  .object({
    name: cosmetic.name.optional(),
    description: cosmetic.description.optional(),
    category: cosmetic.category.optional(),
    websiteUrl: cosmetic.websiteUrl.optional(),
    logoUrl: cosmetic.logoUrl.optional(),
    privacyPolicyUrl: cosmetic.privacyPolicyUrl.optional(),
    supportEmail: cosmetic.supportEmail.optional(),
    redirectUris: structural.redirectUris.optional(),
    webhookUrl: structural.webhookUrl.optional(),
    healthCheckUrl: structural.healthCheckUrl.optional(),
    requestedScopes: structural.requestedScopes.optional(),
    scopeJustifications: structural.scopeJustifications.optional(),
    configSchema: structural.configSchema.optional(),
    mappableFields: structural.mappableFields.optional(),
    version: SemVer.optional().describe("Required when the change opens a new version of a published app: higher than the live one"),
    changelog: z.string().trim().max(5000).optional().describe("Required with a new version: what changed, for the reviewer and installers"),
  })
  .strict()
  .meta({ id: "UpdateApplication" });
export type UpdateApplication = z.infer<typeof UpdateApplication>;

export const ApplicationVersion = z
  .object({
    id: z.uuid(),
    version: z.string(),
    status: z.enum(applicationStatuses),
    requestedScopes: z.array(z.string()),
    scopeJustifications: z.record(z.string(), z.string()),
    redirectUris: z.array(z.string()),
    webhookUrl: z.string().nullable(),
    healthCheckUrl: z.string().nullable(),
    configSchema: z.record(z.string(), z.unknown()).nullable(),
    mappableFields: z.array(z.string()),
    changelog: z.string(),
    reviewNotes: z.string().nullable().describe("The reviewer's notes, or the reason of a rejection"),
    submittedAt: z.iso.datetime().nullable(),
    reviewedAt: z.iso.datetime().nullable(),
    publishedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "ApplicationVersion" });
export type ApplicationVersion = z.infer<typeof ApplicationVersion>;

export const Application = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(applicationStatuses),
    partnerId: z.uuid(),
    partnerName: z.string(),
    category: z.string().nullable(),
    websiteUrl: z.string().nullable(),
    logoUrl: z.string().nullable(),
    privacyPolicyUrl: z.string().nullable(),
    supportEmail: z.string().nullable(),
    oauthClientId: z.uuid().nullable().describe("The app's OAuth client (GET /oauth-clients/{id}); created at the first publish"),
    clientId: z.string().nullable().describe("That client's public client_id"),
    currentVersion: ApplicationVersion.describe("The newest version: the live one, or a newer one on its way through review"),
    liveVersion: ApplicationVersion.nullable().describe("The version installs run on; null until the first publish"),
    actions: z.array(z.enum(applicationActions)).describe("The lifecycle steps the caller may take now"),
    sunsetAt: z.iso.datetime().nullable(),
    deprecationMessage: z.string().nullable(),
    publishedAt: z.iso.datetime().nullable(),
    deprecatedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Application" });
export type Application = z.infer<typeof Application>;

export const PublishedApplication = Application.extend({
  clientSecret: z.string().optional().describe("First publish only: the new OAuth client's secret, shown this once"),
}).meta({ id: "PublishedApplication" });
export type PublishedApplication = z.infer<typeof PublishedApplication>;

export const ListApplicationsQuery = PageQuery.extend({
  status: z.enum(applicationStatuses).optional(),
  partnerId: z.uuid().optional().describe("Platform admins: one partner's apps"),
  q: z.string().trim().max(200).optional().describe("Name contains"),
}).meta({ id: "ListApplicationsQuery" });
export type ListApplicationsQuery = z.infer<typeof ListApplicationsQuery>;

export const ReviewQueueQuery = PageQuery.extend({
  status: z.enum(["submitted", "in_review"]).optional(),
}).meta({ id: "ReviewQueueQuery" });
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

export const ReviewQueueItem = z
  .object({
    applicationId: z.uuid(),
    name: z.string(),
    slug: z.string(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    version: ApplicationVersion,
    isUpdate: z.boolean().describe("A new version of a published app"),
    waitingSeconds: z.number().int().min(0),
  })
  .meta({ id: "ReviewQueueItem" });
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const ApproveApplication = z
  .object({
    notes: z.string().trim().max(5000).optional(),
    checklist: z.record(z.string().max(60), z.boolean()).optional().describe("The reviewer's checklist as ticked"),
  })
  .strict()
  .meta({ id: "ApproveApplication" });
export type ApproveApplication = z.infer<typeof ApproveApplication>;

export const RejectApplication = z
  .object({
    reason: z.string().trim().min(10, "say what the partner must change (10 characters or more)").max(5000),
    checklist: z.record(z.string().max(60), z.boolean()).optional(),
  })
  .strict()
  .meta({ id: "RejectApplication" });
export type RejectApplication = z.infer<typeof RejectApplication>;

export const DeprecateApplication = z
  .object({
    sunsetAt: z.iso.datetime({ offset: true }).describe("When the app's tokens stop working; at least 30 days ahead (platform admins: any future time)"),
    message: z.string().trim().min(1).max(2000).describe("Shown to every account that installed the app"),
  })
  .strict()
  .meta({ id: "DeprecateApplication" });
export type DeprecateApplication = z.infer<typeof DeprecateApplication>;

export const SecurityCheck = z
  .object({
    check: z.string().describe("Stable id, e.g. redirect_uris_secure"),
    status: z.enum(["passed", "warning", "failed"]),
    field: z.string().describe("The application field the check is about"),
    message: z.string(),
    evidence: z.record(z.string(), z.unknown()),
    versionId: z.uuid(),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: "SecurityCheck" });
export type SecurityCheck = z.infer<typeof SecurityCheck>;

export const SecurityCheckList = z
  .object({
    data: z.array(SecurityCheck),
    running: z.array(z.string()).describe("Live endpoint probes still running; their results appear when done"),
  })
  .meta({ id: "SecurityCheckList" });
export type SecurityCheckList = z.infer<typeof SecurityCheckList>;

export const SigningSecret = z
  .object({
    secret: z.string().describe("whsec_…: verifies the platform's webhooks to the app (Standard Webhooks)"),
    previousSecret: z.string().nullable(),
    previousSecretExpiresAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "ApplicationSigningSecret" });
export type SigningSecret = z.infer<typeof SigningSecret>;

export const TimelineEntry = z
  .object({
    id: z.uuid(),
    action: z.string(),
    actor: z.string().nullable().describe("Who acted: a user's name or email, or the credential type"),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "ApplicationTimelineEntry" });
export type TimelineEntry = z.infer<typeof TimelineEntry>;
