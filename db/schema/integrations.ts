import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { applications } from "./applications";
import { integrationStatus } from "./enums";
import { listings } from "./marketplace";
import { partners } from "./partners";
import { users } from "./users";

/** An installation of a partner application into a customer account. */
export const integrations = pgTable(
  "integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    listingId: uuid("listing_id").references(() => listings.id, { onDelete: "set null" }),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    installedBy: uuid("installed_by").references(() => users.id, { onDelete: "set null" }),
    status: integrationStatus("status").notNull().default("pending"),
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    // The config's secret fields (format "password" or writeOnly), sealed with APP_ENCRYPTION_KEY; never returned.
    secretConfigCiphertext: text("secret_config_ciphertext"),
    // When the installer authorized it on the consent page (pending until then).
    connectedAt: timestamp("connected_at", { withTimezone: true, precision: 3 }),
    lastHealthCheckAt: timestamp("last_health_check_at", { withTimezone: true, precision: 3 }),
    lastHealthStatus: text("last_health_status"),
    healthCheckNextAt: timestamp("health_check_next_at", { withTimezone: true, precision: 3 }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    // Uninstalled rows are kept (history, metrics); a re-install creates a new row.
    uninstalledAt: timestamp("uninstalled_at", { withTimezone: true, precision: 3 }),
    uninstalledBy: uuid("uninstalled_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("integrations_active_uq")
      .on(t.accountId, t.applicationId)
      .where(sql`${t.uninstalledAt} is null`),
    index("integrations_account_idx").on(t.accountId, t.createdAt, t.id),
    index("integrations_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("integrations_partner_status_idx").on(t.partnerId, t.status, t.createdAt, t.id),
    index("integrations_application_idx").on(t.applicationId, t.createdAt, t.id),
    // Trending counts installs by when they were authorized.
    index("integrations_application_connected_idx").on(t.applicationId, t.connectedAt),
    index("integrations_listing_idx").on(t.listingId),
    index("integrations_installed_by_idx").on(t.installedBy),
    index("integrations_uninstalled_by_idx").on(t.uninstalledBy),
    index("integrations_health_due_idx").on(t.healthCheckNextAt).where(sql`${t.uninstalledAt} is null`),
  ],
);

export const integrationMappings = pgTable(
  "integration_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    sourceField: text("source_field").notNull(),
    targetField: text("target_field").notNull(),
    transform: text("transform"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("integration_mappings_source_uq").on(t.integrationId, t.sourceField)],
);

export const integrationMetrics = pgTable(
  "integration_metrics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    requests: integer("requests").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    p50Ms: integer("p50_ms"),
    p99Ms: integer("p99_ms"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("integration_metrics_day_uq").on(t.integrationId, t.day)],
);

export const integrationErrors = pgTable(
  "integration_errors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    message: text("message").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [index("integration_errors_integration_idx").on(t.integrationId, t.occurredAt, t.id)],
);

/** One health check of an integration (kept 30 days): the history and the per-day uptime come from these. */
export const integrationHealthChecks = pgTable(
  "integration_health_checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    checkedAt: timestamp("checked_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    healthy: boolean("healthy").notNull(),
    httpStatus: integer("http_status"),
    latencyMs: integer("latency_ms").notNull(),
    error: text("error"),
    // The integration's status after this check.
    status: text("status").notNull(),
  },
  (t) => [
    index("integration_health_checks_integration_idx").on(t.integrationId, t.checkedAt, t.id),
    index("integration_health_checks_checked_idx").on(t.checkedAt),
  ],
);

/**
 * Latency of API requests made with an integration's tokens, per day, as a histogram (bucket =
 * a log-scale latency band): counts add up under concurrent flushes, and p50/p99 come from them.
 */
export const integrationLatency = pgTable(
  "integration_latency",
  {
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    bucket: smallint("bucket").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.day, t.bucket] })],
);
