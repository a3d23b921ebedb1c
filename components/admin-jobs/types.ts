export const jobRunStatuses = ["running", "succeeded", "failed"] as const;
export type JobRunStatus = (typeof jobRunStatuses)[number];

export type JobRun = {
  id: string;
  job: string;
  slot: string;
  status: JobRunStatus;
  runner: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  summary: Record<string, unknown> | null;
  error: string | null;
};

export type ScheduledJob = {
  id: string;
  cron: string;
  description: string;
  nextSlot: string | null;
  lastRun: JobRun | null;
};

export type ScheduledJobList = { data: ScheduledJob[]; mode: "embedded" | "inngest" };
