import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";

export const JobRunStatus = z.enum(["running", "succeeded", "failed"]);
export type JobRunStatus = z.infer<typeof JobRunStatus>;

export const JobRun = z
  .object({
    id: z.uuid(),
    job: z.string(),
    slot: z.iso.datetime().describe("The cron time the run stands for"),
    status: JobRunStatus.describe("`failed` also when the run's process died: such a run is not retried, the next slot runs as usual"),
    runner: z.string().describe("The instance that ran it (`inngest` under Inngest)"),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    durationMs: z.number().int().min(0).nullable(),
    summary: z.record(z.string(), z.unknown()).nullable().describe("What the run did, in a few numbers"),
    error: z.string().nullable(),
  })
  .meta({ id: "ScheduledJobRun" });
export type JobRun = z.infer<typeof JobRun>;

export const JobRunPage = z.object({ data: z.array(JobRun), nextCursor: z.string().nullable() }).meta({ id: "ScheduledJobRunPage" });
export type JobRunPage = z.infer<typeof JobRunPage>;

export const ListJobRunsQuery = PageQuery.extend({
  job: z.string().max(100).optional().describe("One job's runs (an id from GET /jobs)"),
  status: JobRunStatus.optional(),
}).meta({ id: "ListJobRunsQuery" });
export type ListJobRunsQuery = z.infer<typeof ListJobRunsQuery>;

export const ScheduledJobInfo = z
  .object({
    id: z.string(),
    cron: z.string().describe("Five-field cron expression, UTC"),
    description: z.string(),
    nextSlot: z.iso.datetime().nullable(),
    lastRun: JobRun.nullable(),
  })
  .meta({ id: "ScheduledJob" });
export type ScheduledJobInfo = z.infer<typeof ScheduledJobInfo>;

export const ScheduledJobList = z
  .object({ data: z.array(ScheduledJobInfo), mode: z.enum(["embedded", "inngest"]).describe("What runs the schedule") })
  .meta({ id: "ScheduledJobList" });
export type ScheduledJobList = z.infer<typeof ScheduledJobList>;
