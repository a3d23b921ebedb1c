import { pruneHealthChecks } from "@/lib/integrations/health/prune-health-checks";
import { runDueHealthChecks } from "@/lib/integrations/health/run-due-health-checks";
import { pruneJobRuns } from "./prune-job-runs";
import { assertCron, type ScheduledJob } from "./scheduled-job";

// Every periodic job, in one list: the embedded scheduler and the Inngest cron
// functions (inngest/functions/jobs/scheduled-jobs.ts) are both built from it,
// and the admin page lists it. A new job is one entry here; its logic lives in
// lib/<area>, takes (db, slot) and returns a small summary. Crons are UTC.

export const scheduledJobs: ScheduledJob[] = [
  {
    id: "integration-health",
    cron: "* * * * *",
    description: "Checks the integrations whose turn has come (each every 5 minutes, spread over the 5)",
    run: (db, _slot, { signal }) => runDueHealthChecks(db, { signal }),
    maxRunMs: 10 * 60_000,
  },
  {
    id: "integration-health-retention",
    cron: "17 3 * * *",
    description: "Deletes integration health checks older than 30 days",
    run: (db) => pruneHealthChecks(db),
  },
  {
    id: "scheduled-job-runs-retention",
    cron: "27 3 * * *",
    description: "Deletes scheduled job runs older than 90 days (keeping each job's latest)",
    run: (db) => pruneJobRuns(db),
  },
];

for (const job of scheduledJobs) assertCron(job.cron);
if (new Set(scheduledJobs.map((j) => j.id)).size !== scheduledJobs.length) throw new Error("scheduled job ids must be unique");
