import { Cron } from "croner";
import type { Db } from "@/db";

// What a scheduled job is, and the cron arithmetic both schedulers share (the
// embedded loop and the Inngest cron functions). Every pattern is read in UTC,
// as Inngest reads its crons.

/** A few numbers saying what a run did ("checked": 12), shown on the admin page. */
export type JobSummary = Record<string, unknown>;

export type JobContext = {
  /** Aborted when the process is stopping: a long job ends its current batch and returns. */
  signal: AbortSignal;
};

export type ScheduledJob = {
  /** Stable name: the key of its run rows, and of its Inngest function. */
  id: string;
  /** Five fields (minute hour day month weekday), UTC. */
  cron: string;
  description: string;
  /** `slot` is the cron time the run stands for (not the moment it starts). */
  run: (db: Db, slot: Date, ctx: JobContext) => Promise<JobSummary>;
  /** A run still `running` this long after it started is taken for dead and marked failed (not run again). Default 1 h. */
  maxRunMs?: number;
  /** How old the latest slot may be and still be caught up after downtime. Default 24 h. */
  catchUpWithinMs?: number;
  /** Whether a slot may start while an earlier run of the job is still running. Default false. */
  overlap?: boolean;
  /** "own": Inngest runs this job with a function of its own (steps), not the generic cron wrapper. */
  inngest?: "own";
};

export const DEFAULT_MAX_RUN_MS = 3_600_000;
export const DEFAULT_CATCH_UP_MS = 24 * 3_600_000;

const crons = new Map<string, Cron>();

/** The parsed pattern (throws on a bad one); never scheduled: croner only does the arithmetic here. */
function cronOf(pattern: string): Cron {
  let c = crons.get(pattern);
  if (!c) {
    c = new Cron(pattern, { timezone: "UTC", paused: true });
    crons.set(pattern, c);
  }
  return c;
}

/** The most recent slot at or before `now` (croner's previousRuns is strictly before its reference, hence the 1 ms). */
export function latestSlot(pattern: string, now: Date): Date | null {
  return cronOf(pattern).previousRuns(1, new Date(now.getTime() + 1))[0] ?? null;
}

/** The first slot after `now`. */
export function nextSlot(pattern: string, now: Date): Date | null {
  return cronOf(pattern).nextRun(now);
}

/**
 * The slot a cron trigger fired for, from its event time: the latest slot at or
 * before it, with a second of slack in case the trigger's clock is a hair early.
 */
export function slotOfTrigger(pattern: string, firedAt: Date): Date | null {
  return latestSlot(pattern, new Date(firedAt.getTime() + 1000));
}

/** Throws unless the pattern parses: the registry checks its entries with this. */
export function assertCron(pattern: string) {
  cronOf(pattern);
}
