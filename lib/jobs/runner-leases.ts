import { hostname } from "node:os";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { jobRunners, webhookDeliveries } from "@/db/schema";

// Which embedded runners are alive. Each one beats every HEARTBEAT_EVERY_MS;
// one silent for RUNNER_LEASE_MS is taken for dead, and the deliveries it had
// claimed are free at once instead of when their claim lapses (minutes: a
// claim must outlast the slowest attempt of a live runner). Beats are stamped
// and judged by the database's clock, so runners on hosts whose clocks
// disagree still judge each other alike. A runner that cannot beat stops
// sending before its lease can run out (see leaseHeld), so a live runner is
// not taken for dead while it sends; were it anyway, the cost is a second send
// of the same webhook-id, never a loss.

export const HEARTBEAT_EVERY_MS = 5_000;
export const RUNNER_LEASE_MS = 30_000;
/** Rows of runners gone this long are deleted: every claim they held has lapsed by then. */
const FORGET_AFTER_MS = 3_600_000;

/** SQL: that long before the database's now(). */
const ago = (ms: number) => sql`now() - make_interval(secs => ${ms / 1000})`;

/**
 * SQL: the delivery row is not held by anyone at `at`: never claimed or given
 * back, its claim lapsed, or its runner stopped beating. A runner with no row
 * (not registered yet) counts as alive: its claims wait for the lapse.
 * `locked_by` only counts while `locked_until` is set.
 */
export function freeToClaim(at: Date) {
  return sql`(${webhookDeliveries.lockedUntil} is null or ${webhookDeliveries.lockedUntil} < ${at.toISOString()}::timestamptz
    or ${webhookDeliveries.lockedBy} in (select r.id from ${jobRunners} r where r.heartbeat_at < ${ago(RUNNER_LEASE_MS)}))`;
}

/** Whether a runner whose last beat landed at `lastBeatOkAt` may still start attempts: well inside its lease, with two beats to spare. */
export function leaseHeld(lastBeatOkAt: number, now = Date.now()) {
  return now - lastBeatOkAt < RUNNER_LEASE_MS - 2 * HEARTBEAT_EVERY_MS;
}

/** Registers the runner or renews its lease, and forgets long-gone runners (a handful of rows: cheap every beat). */
export async function beat(db: Db, runnerId: string, startedAt: Date) {
  await db
    .insert(jobRunners)
    .values({ id: runnerId, host: hostname(), pid: process.pid, startedAt, heartbeatAt: sql`now()` })
    .onConflictDoUpdate({ target: jobRunners.id, set: { heartbeatAt: sql`now()` } });
  await db.delete(jobRunners).where(sql`${jobRunners.heartbeatAt} < ${ago(FORGET_AFTER_MS)}`);
}

/** A runner marked as silent past its lease: whatever it still holds is free now. The row stays until forgotten, so that keeps holding. */
const markSilent = { heartbeatAt: ago(RUNNER_LEASE_MS + 1000) };

/** After a graceful stop: anything it could not give back (a write that failed, say) is free at once. */
export async function retire(db: Db, runnerId: string) {
  await db.update(jobRunners).set(markSilent).where(eq(jobRunners.id, runnerId));
}

/**
 * Declares every runner known so far dead. Only for a database no other
 * process can have open (an embedded PGlite folder), at this process's start:
 * whatever ran there before has stopped, so its claims are free now.
 */
export async function declarePreviousRunnersDead(db: Db) {
  await db.update(jobRunners).set(markSilent).where(sql`${jobRunners.heartbeatAt} >= ${markSilent.heartbeatAt}`);
}
