import { and, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { scheduledJobRuns } from "@/db/schema";
import { describeError } from "@/lib/db/errors";
import { rowsOf } from "@/lib/db/rows";
import { DEFAULT_MAX_RUN_MS, type JobSummary, type ScheduledJob } from "./scheduled-job";

// One slot of one job, run at most once whatever runs the schedule: the
// embedded scheduler of any number of instances, or an Inngest cron function
// (retried or not). The (job, slot) row is the claim: whoever inserts it runs
// the slot, everyone else sees the conflict and does nothing. The row then
// records the outcome.

export type SlotOutcome =
  | { job: string; slot: string; claimed: false }
  | { job: string; slot: string; claimed: true; runId: string; status: "succeeded" | "failed"; summary: JobSummary | null; error: string | null };

export type SlotOptions = {
  /** Who runs it (a scheduler instance, or "inngest"): recorded on the row. */
  runner: string;
  now?: () => Date;
  signal?: AbortSignal;
};

const MAX_ERROR_CHARS = 2000;

/**
 * Runs whose process died (a crash, a kill) stay `running` forever: past the
 * job's maxRunMs they are marked failed. They are not run again: the slot had
 * its chance, and a job that half ran may not be safe to repeat. The next slot
 * runs as usual.
 */
export async function failStaleRuns(db: Db, job: ScheduledJob, now: Date): Promise<number> {
  const maxRunMs = job.maxRunMs ?? DEFAULT_MAX_RUN_MS;
  const stale = await db
    .update(scheduledJobRuns)
    .set({ status: "failed", finishedAt: now, error: `The run did not finish within ${Math.round(maxRunMs / 60_000)} min (its process stopped?); the slot is not run again` })
    .where(and(eq(scheduledJobRuns.job, job.id), eq(scheduledJobRuns.status, "running"), lt(scheduledJobRuns.startedAt, new Date(now.getTime() - maxRunMs))))
    .returning({ id: scheduledJobRuns.id });
  return stale.length;
}

/**
 * Marks every run still `running` by another runner failed. Only for a
 * database no other process can have open (an embedded PGlite folder), at
 * start: whatever ran there before has stopped.
 */
export async function failInterruptedRuns(db: Db, exceptRunner: string): Promise<number> {
  const rows = await db
    .update(scheduledJobRuns)
    .set({ status: "failed", finishedAt: new Date(), error: "The process running it stopped before it finished; the slot is not run again" })
    .where(and(eq(scheduledJobRuns.status, "running"), ne(scheduledJobRuns.runner, exceptRunner)))
    .returning({ id: scheduledJobRuns.id });
  return rows.length;
}

/**
 * Inserts the (job, slot) row unless it exists, or a later slot of the job has
 * run (an instance whose clock lags must not run an older slot after a newer
 * one), or, for jobs that must not overlap, a run is still going. `runId` is
 * set when this caller won the slot; `busy` says it lost only to a run still
 * going (the slot may be tried again once that ends).
 */
export async function claimSlot(db: Db, job: ScheduledJob, slot: Date, runner: string, now: Date): Promise<{ runId: string | null; busy: boolean }> {
  const at = slot.toISOString();
  const busy = job.overlap ? sql`false` : sql`r.status = 'running'`;
  const result = await db.execute(sql`
    with blocking as (
      select bool_or(r.slot >= ${at}::timestamptz) as taken, bool_or(${busy}) as busy
      from ${scheduledJobRuns} r
      where r.job = ${job.id} and (r.slot >= ${at}::timestamptz or ${busy})
    ), claimed as (
      insert into ${scheduledJobRuns} (job, slot, status, runner, started_at)
      select ${job.id}, ${at}::timestamptz, 'running', ${runner}, ${now.toISOString()}::timestamptz
      where not exists (select 1 from ${scheduledJobRuns} r where r.job = ${job.id} and (r.slot >= ${at}::timestamptz or ${busy}))
      on conflict (job, slot) do nothing
      returning id
    )
    select (select id from claimed) as id, coalesce((select busy and not coalesce(taken, false) from blocking), false) as busy`);
  const row = rowsOf<{ id: string | null; busy: boolean }>(result)[0];
  return { runId: row?.id ?? null, busy: !!row?.busy };
}

/** Runs a slot this caller has claimed and records how it went. Never throws for the job's own failure. */
export async function runClaimedSlot(db: Db, job: ScheduledJob, runId: string, slot: Date, opts: Omit<SlotOptions, "runner"> = {}): Promise<SlotOutcome> {
  const now = opts.now ?? (() => new Date());
  const base = { job: job.id, slot: slot.toISOString(), claimed: true as const, runId };
  let outcome: SlotOutcome;
  try {
    const summary = await job.run(db, slot, { signal: opts.signal ?? new AbortController().signal });
    // Through JSON: whatever the job returned is stored and shown as it will be read back.
    const stored = JSON.parse(JSON.stringify(summary ?? {})) as JobSummary;
    outcome = { ...base, status: "succeeded", summary: stored, error: null };
  } catch (err) {
    outcome = { ...base, status: "failed", summary: null, error: describeError(err, { frames: false }).slice(0, MAX_ERROR_CHARS) };
  }
  await db
    .update(scheduledJobRuns)
    .set({ status: outcome.status, finishedAt: now(), summary: outcome.summary, error: outcome.error })
    .where(eq(scheduledJobRuns.id, runId));
  return outcome;
}

/** Marks stale runs, claims the slot and, if won, runs it. What both schedulers call. */
export async function runScheduledSlot(db: Db, job: ScheduledJob, slot: Date, opts: SlotOptions): Promise<SlotOutcome> {
  const now = opts.now ?? (() => new Date());
  await failStaleRuns(db, job, now());
  const { runId } = await claimSlot(db, job, slot, opts.runner, now());
  if (!runId) return { job: job.id, slot: slot.toISOString(), claimed: false };
  return runClaimedSlot(db, job, runId, slot, opts);
}
