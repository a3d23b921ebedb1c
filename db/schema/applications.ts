import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { applicationStatus } from "./enums";
import { partners } from "./partners";
import { users } from "./users";

export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    status: applicationStatus("status").notNull().default("draft"),
    category: text("category"),
    websiteUrl: text("website_url"),
    logoUrl: text("logo_url"),
    privacyPolicyUrl: text("privacy_policy_url"),
    supportEmail: text("support_email"),
    // Versions reference the application too; the explicit type breaks the inference cycle.
    currentVersionId: uuid("current_version_id").references((): AnyPgColumn => applicationVersions.id, {
      onDelete: "set null",
    }),
    // The version installs and the app's OAuth client run on; null until the first publish.
    liveVersionId: uuid("live_version_id").references((): AnyPgColumn => applicationVersions.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true, precision: 3 }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true, precision: 3 }),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    reviewNotes: text("review_notes"),
    // The app's webhook signing secret (whsec_…), sealed like endpoint secrets; set at first publish.
    signingSecretCiphertext: text("signing_secret_ciphertext"),
    previousSigningSecretCiphertext: text("previous_signing_secret_ciphertext"),
    previousSigningSecretExpiresAt: timestamp("previous_signing_secret_expires_at", { withTimezone: true, precision: 3 }),
    sunsetAt: timestamp("sunset_at", { withTimezone: true, precision: 3 }),
    deprecationMessage: text("deprecation_message"),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }),
    deprecatedAt: timestamp("deprecated_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("applications_slug_uq").on(t.slug),
    index("applications_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("applications_partner_status_idx").on(t.partnerId, t.status, t.createdAt, t.id),
    // Admin review queue: submitted / in_review apps, oldest first.
    index("applications_status_idx").on(t.status, t.createdAt, t.id),
    index("applications_current_version_idx").on(t.currentVersionId),
    index("applications_live_version_idx").on(t.liveVersionId),
    index("applications_reviewed_by_idx").on(t.reviewedBy),
  ],
);

export const applicationVersions = pgTable(
  "application_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    version: text("version").notNull(),
    changelog: text("changelog").notNull().default(""),
    requestedScopes: text("requested_scopes").array().notNull().default(sql`'{}'::text[]`),
    redirectUris: text("redirect_uris").array().notNull().default(sql`'{}'::text[]`),
    webhookUrl: text("webhook_url"),
    healthCheckUrl: text("health_check_url"),
    configSchema: jsonb("config_schema").$type<Record<string, unknown>>(),
    mappableFields: text("mappable_fields").array().notNull().default(sql`'{}'::text[]`),
    scopeJustifications: jsonb("scope_justifications").$type<Record<string, string>>().notNull().default({}),
    // A version walks the same review lifecycle as its application.
    status: applicationStatus("status").notNull().default("draft"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, precision: 3 }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true, precision: 3 }),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
    // The reviewer's notes on approval, or the reason of a rejection (shown to the partner).
    reviewNotes: text("review_notes"),
    reviewChecklist: jsonb("review_checklist").$type<Record<string, boolean>>().notNull().default({}),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // Admin review queue: versions waiting for a reviewer, oldest submission first.
    index("application_versions_queue_idx").on(t.status, t.submittedAt, t.id),
    index("application_versions_reviewed_by_idx").on(t.reviewedBy),
    uniqueIndex("application_versions_version_uq").on(t.applicationId, t.version),
    index("application_versions_application_idx").on(t.applicationId, t.createdAt, t.id),
    index("application_versions_created_by_idx").on(t.createdBy),
  ],
);

export const applicationSecurityChecks = pgTable(
  "application_security_checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    versionId: uuid("version_id").references(() => applicationVersions.id, { onDelete: "cascade" }),
    check: text("check").notNull(),
    status: text("status").notNull().default("pending"),
    // The request field the check is about (`redirectUris`, `webhookUrl`, …), as errors[].path names it.
    field: text("field").notNull().default(""),
    message: text("message").notNull().default(""),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("application_security_checks_application_idx").on(t.applicationId, t.createdAt, t.id),
    // One row per check and version: a re-run replaces the result.
    uniqueIndex("application_security_checks_version_uq").on(t.versionId, t.check),
    check(
      "application_security_checks_status_ck",
      sql`${t.status} in ('pending', 'passed', 'warning', 'failed')`,
    ),
  ],
);
