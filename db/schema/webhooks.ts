import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { deliveryStatus, endpointStatus, jobStatus } from "./enums";
import { events } from "./events";
import { partners } from "./partners";
import { users } from "./users";

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    eventTypes: text("event_types").array().notNull().default(sql`'{}'::text[]`),
    status: endpointStatus("status").notNull().default("enabled"),
    // Signing secrets must be readable again to sign, so they are encrypted, not hashed.
    secretCiphertext: text("secret_ciphertext").notNull(),
    // During a rotation both secrets sign, until previousSecretExpiresAt.
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true, precision: 3 }),
    disabledReason: text("disabled_reason"),
    disabledAt: timestamp("disabled_at", { withTimezone: true, precision: 3 }),
    // Start of an unbroken run of failures; cleared on any success. Five days of it disables the endpoint.
    failingSince: timestamp("failing_since", { withTimezone: true, precision: 3 }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true, precision: 3 }),
    rateLimitPerSecond: integer("rate_limit_per_second"),
    maxConcurrency: integer("max_concurrency").notNull().default(10),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_endpoints_partner_idx").on(t.partnerId, t.createdAt, t.id),
    // Fan-out: enabled endpoints whose eventTypes contain the event's type.
    index("webhook_endpoints_event_types_idx").using("gin", t.eventTypes),
    index("webhook_endpoints_failing_idx").on(t.status, t.failingSince),
    check("webhook_endpoints_max_concurrency_ck", sql`${t.maxConcurrency} > 0`),
    check(
      "webhook_endpoints_rate_limit_ck",
      sql`${t.rateLimitPerSecond} is null or ${t.rateLimitPerSecond} > 0`,
    ),
  ],
);

export const webhookReplayJobs = pgTable(
  "webhook_replay_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id")
      .notNull()
      .references(() => partners.id, { onDelete: "cascade" }),
    // Null = every endpoint of the partner subscribed to the event.
    endpointId: uuid("endpoint_id").references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    from: timestamp("from_at", { withTimezone: true, precision: 3 }).notNull(),
    to: timestamp("to_at", { withTimezone: true, precision: 3 }).notNull(),
    // Empty = all types.
    types: text("types").array().notNull().default(sql`'{}'::text[]`),
    status: jobStatus("status").notNull().default("pending"),
    total: integer("total").notNull().default(0),
    processed: integer("processed").notNull().default(0),
    // Last (createdAt, id) of events handled, so an interrupted job resumes instead of restarting.
    cursor: text("cursor"),
    error: text("error"),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("webhook_replay_jobs_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("webhook_replay_jobs_endpoint_idx").on(t.endpointId),
    index("webhook_replay_jobs_status_idx").on(t.status, t.createdAt),
    index("webhook_replay_jobs_requested_by_idx").on(t.requestedBy),
    check("webhook_replay_jobs_range_ck", sql`${t.from} <= ${t.to}`),
  ],
);

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    // The endpoint's partner, copied for tenant-scoped listing. No foreign key of
    // its own: it always equals the endpoint's, whose key already cascades, and a
    // second key check on every fan-out row cost a fifth of publishing on PGlite.
    partnerId: uuid("partner_id").notNull(),
    eventType: text("event_type").notNull(),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3 }),
    // A worker holds a delivery until then; an expired lock means the worker died.
    lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true, precision: 3 }),
    lastResponseStatus: integer("last_response_status"),
    lastError: text("last_error"),
    succeededAt: timestamp("succeeded_at", { withTimezone: true, precision: 3 }),
    isTest: boolean("is_test").notNull().default(false),
    replayJobId: uuid("replay_job_id").references(() => webhookReplayJobs.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // Partial indexes: a finished delivery leaves the claim index, and the rare
    // replayed one is the only kind in the replay index, so recording an outcome
    // writes fewer index entries.
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'failed')`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    index("webhook_deliveries_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("webhook_deliveries_partner_status_idx").on(t.partnerId, t.status, t.createdAt, t.id),
    index("webhook_deliveries_event_idx").on(t.eventId),
    index("webhook_deliveries_replay_job_idx").on(t.replayJobId).where(sql`${t.replayJobId} is not null`),
    // A retried fan-out must not deliver the same event to the same endpoint twice;
    // replays and tests are deliberate repeats and are exempt.
    uniqueIndex("webhook_deliveries_fanout_uq")
      .on(t.eventId, t.endpointId)
      .where(sql`${t.replayJobId} is null and not ${t.isTest}`),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptNumber: integer("attempt_number").notNull(),
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>().notNull().default({}),
    // Null: the delivery's event as a webhook body (webhookBody), which every
    // attempt sends byte for byte; rebuilt when read rather than stored per attempt.
    requestBody: text("request_body"),
    responseStatus: integer("response_status"),
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
    // Truncated to the first 4 KB.
    responseBody: text("response_body"),
    error: text("error"),
    durationMs: integer("duration_ms"),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [uniqueIndex("webhook_attempts_number_uq").on(t.deliveryId, t.attemptNumber)],
);
