import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { jobStatus } from "./enums";

/** Durable job queue for the embedded runner, claimed with FOR UPDATE SKIP LOCKED. */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(5),
    runAt: timestamp("run_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    // A running job whose lock expired belongs to a dead runner and is claimed again.
    lockedUntil: timestamp("locked_until", { withTimezone: true, precision: 3 }),
    lastError: text("last_error"),
    // Optional: enqueueing the same key twice while it is still pending or running is a no-op.
    dedupeKey: text("dedupe_key"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("outbox_status_run_at_idx").on(t.status, t.runAt),
    index("outbox_status_locked_idx").on(t.status, t.lockedUntil),
    uniqueIndex("outbox_dedupe_uq")
      .on(t.name, t.dedupeKey)
      .where(sql`${t.dedupeKey} is not null and ${t.status} in ('pending', 'running')`),
    index("outbox_created_idx").on(t.createdAt, t.id),
  ],
);

/**
 * Embedded runners alive somewhere, by heartbeat. A delivery claimed by a
 * runner whose heartbeat stopped is free at once, without waiting for its
 * claim to lapse: a crashed server's work is picked up within a lease, not
 * minutes later. A claim by a runner with no row here falls back to the lapse.
 */
export const jobRunners = pgTable("job_runners", {
  id: uuid("id").primaryKey(),
  host: text("host").notNull(),
  pid: integer("pid").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }).notNull(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, precision: 3 }).notNull(),
});

/**
 * One run of a scheduled job for one slot (the cron time it stands for). The unique (job, slot)
 * is the once-per-slot guarantee: every instance's scheduler tries to insert the row, one wins
 * and runs it. The row then records the outcome admins see.
 */
export const scheduledJobRuns = pgTable(
  "scheduled_job_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    job: text("job").notNull(),
    slot: timestamp("slot", { withTimezone: true, precision: 3 }).notNull(),
    // running | succeeded | failed
    status: text("status").notNull().default("running"),
    runner: text("runner").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3 }),
    // What the run did, in a few numbers ("checked": 12), for the admin page.
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    error: text("error"),
  },
  (t) => [
    uniqueIndex("scheduled_job_runs_slot_uq").on(t.job, t.slot),
    index("scheduled_job_runs_started_idx").on(t.startedAt, t.id),
  ],
);
