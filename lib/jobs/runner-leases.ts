import { hostname } from "node:os";
import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { jobRunners, webhookDeliveries } from "@/db/schema";

// Which embedded runners are alive. Each one beats every HEARTBEAT_EVERY_MS;
// one silent for RUNNER_LEASE_MS is taken for dead, and the deliveries it had
// claimed are free at once instead of when their claim lapses (minutes: a
// claim must outlast the slowest attempt of a live runner). A live runner
// mistaken for dead costs a second send of the same webhook-id, never a loss.

export const HEARTBEAT_EVERY_MS = 5_000;
export const RUNNER_LEASE_MS = 30_000;
/** Rows of runners gone this long are deleted: every claim they held has lapsed by then. */
const FORGET_AFTER_MS = 3_600_000;

/**
 * SQL: the delivery row is not held by anyone at `at`: never claimed or given
 * back, its claim lapsed, or its runner stopped beating. A runner with no row
 * (not registered yet, or stopped gracefully after giving its claims back)
 * counts as alive: its claims wait for the lapse.
 */
export function freeToClaim(at: Date) {
  const iso = at.toISOString();
  const silentSince = new Date(at.getTime() - RUNNER_LEASE_MS).toISOString();
  return sql`(${webhookDeliveries.lockedUntil} is null or ${webhookDeliveries.lockedUntil} < ${iso}::timestamptz
    or exists (select 1 from ${jobRunners} r where r.id = ${webhookDeliveries.lockedBy} and r.heartbeat_at < ${silentSince}::timestamptz))`;
}

/** Registers the runner or renews its lease. */
export async function beat(db: Db, runnerId: string, startedAt: Date, now = new Date()) {
  await db
    .insert(jobRunners)
    .values({ id: runnerId, host: hostname(), pid: process.pid, startedAt, heartbeatAt: now })
    .onConflictDoUpdate({ target: jobRunners.id, set: { heartbeatAt: now } });
}

/** After a graceful stop (its claims given back): the row goes, and old rows of crashed runners with it. */
export async function retire(db: Db, runnerId: string, now = new Date()) {
  await db.delete(jobRunners).where(eq(jobRunners.id, runnerId));
  await db.delete(jobRunners).where(lt(jobRunners.heartbeatAt, new Date(now.getTime() - FORGET_AFTER_MS)));
}

/**
 * Declares every runner known so far dead. Only for a database no other
 * process can have open (an embedded PGlite folder), at this process's start:
 * whatever ran there before has stopped, so its claims are free now.
 */
export async function declarePreviousRunnersDead(db: Db) {
  await db.update(jobRunners).set({ heartbeatAt: new Date(0) });
}
