import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { scheduledJobRuns } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { Forbidden } from "@/lib/errors";
import { afterCursor, cursorOrder, toPage } from "@/lib/pagination/cursor";
import { nextSlot } from "./scheduled-job";
import { scheduledJobs } from "./schedules";
import { JobRun, type JobRunPage, type ListJobRunsQuery, ScheduledJobList } from "./schemas";

// What admins see of the schedule: each job with its next slot and last run, and the runs, newest first.

type Row = typeof scheduledJobRuns.$inferSelect;

function requireAdmin(p: Principal) {
  if (!isAdmin(p)) throw new Forbidden("Only platform admins can see scheduled jobs");
}

function toRun(r: Row): JobRun {
  return JobRun.parse({
    id: r.id,
    job: r.job,
    slot: r.slot.toISOString(),
    status: r.status,
    runner: r.runner,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.finishedAt ? Math.max(0, r.finishedAt.getTime() - r.startedAt.getTime()) : null,
    summary: r.summary ?? null,
    error: r.error,
  });
}

/** GET /jobs/runs: newest started first. */
export async function listJobRuns(db: Db, principal: Principal, q: ListJobRunsQuery): Promise<JobRunPage> {
  requireAdmin(principal);
  const r = scheduledJobRuns;
  const rows = await db
    .select()
    .from(r)
    .where(and(q.job ? eq(r.job, q.job) : undefined, q.status ? eq(r.status, q.status) : undefined, afterCursor(r.startedAt, r.id, q.cursor)))
    .orderBy(...cursorOrder(r.startedAt, r.id))
    .limit(q.limit + 1);
  // Paged on (started_at, id): toPage reads the time as createdAt.
  return toPage(
    rows.map((row) => ({ row, id: row.id, createdAt: row.startedAt })),
    q.limit,
    (r) => toRun(r.row),
  );
}

/** GET /jobs: the registry, with each job's next slot and its latest run. */
export async function listScheduledJobs(db: Db, principal: Principal, now: Date = new Date()): Promise<ScheduledJobList> {
  requireAdmin(principal);
  const ids = scheduledJobs.map((j) => j.id);
  // Each job's latest slot (distinct on: one walk of the unique (job, slot) index per job).
  const rows = await db
    .selectDistinctOn([scheduledJobRuns.job])
    .from(scheduledJobRuns)
    .where(inArray(scheduledJobRuns.job, ids))
    .orderBy(scheduledJobRuns.job, desc(scheduledJobRuns.slot));
  const last = new Map(rows.map((run) => [run.job, run]));
  return ScheduledJobList.parse({
    mode: config().jobs,
    data: scheduledJobs.map((j) => {
      const run = last.get(j.id);
      return { id: j.id, cron: j.cron, description: j.description, nextSlot: nextSlot(j.cron, now)?.toISOString() ?? null, lastRun: run ? toRun(run) : null };
    }),
  });
}
