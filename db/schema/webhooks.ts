import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { deliveryStatus, endpointStatus, jobStatus } from "./enums";
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
    // No foreign key: events are append-only and never deleted, and this row is
    // written in the same statement as its event (or from a stored one, for a
    // replay); the key's per-row check was a tenth of publishing on PGlite.
    eventId: uuid("event_id").notNull(),
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
    // A worker holds a delivery until then (null: nobody does). A lock that
    // lapsed, or whose runner stopped beating, means that worker died.
    lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }),
    // The embedded runner holding that lock, if one does (see jobRunners); it
    // only counts while locked_until is set. No foreign key: runners' rows come
    // and go, and a claim must not wait on them.
    lockedBy: uuid("locked_by"),
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
    index("webhook_deliveries_replay_job_idx").on(t.replayJobId).where(sql`${t.replayJobId} is not null`),
    // An event reaches an endpoint once by fan-out and once per replay job (a
    // replay page repeated after a crash is skipped on this key); a test send
    // has an event of its own. Whole, not partial, so it also serves every
    // lookup by event.
    unique("webhook_deliveries_event_endpoint_uq").on(t.eventId, t.endpointId, t.replayJobId).nullsNotDistinct(),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    // No foreign key: recordOutcomes inserts an attempt only for a delivery its
    // own statement updated, and deleteEndpoint removes the attempts with the
    // deliveries. The key's per-row check (a row lock) was a fifth of recording.
    deliveryId: uuid("delivery_id").notNull(),
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
  // Keyed by (delivery, attempt number): one index per attempt row, not a random uuid's as well.
  (t) => [primaryKey({ name: "webhook_attempts_pk", columns: [t.deliveryId, t.attemptNumber] })],
);
