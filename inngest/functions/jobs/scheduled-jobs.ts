import { getDb } from "@/db";
import { runScheduledSlot } from "@/lib/jobs/run-scheduled-slot";
import { slotOfTrigger, type ScheduledJob } from "@/lib/jobs/scheduled-job";
import { scheduledJobs } from "@/lib/jobs/schedules";
import { inngest } from "../../client";

/**
 * One Inngest cron function per scheduled job, over the same lib function as the
 * embedded scheduler: it claims the (job, slot) row too, so a slot runs once
 * even if Inngest retries or fires twice, and the admin page shows the run.
 * The slot is the cron time the trigger fired for, from the event's time
 * (stable across the function's re-executions).
 */
export function scheduledJobFunction(job: ScheduledJob) {
  return inngest.createFunction(
    // A retry is safe: the job's own failure is recorded on the row (not thrown), and a retry
    // after the claim finds the row and does nothing; only a claim that never landed runs again.
    { id: `scheduled-${job.id}`, triggers: [{ cron: job.cron }] },
    async ({ event, step }) => {
      return step.run("run-slot", async () => {
        const firedAt = new Date(typeof event.ts === "number" ? event.ts : Date.now());
        const slot = slotOfTrigger(job.cron, firedAt);
        if (!slot) throw new Error(`no slot of ${job.cron} at or before ${firedAt.toISOString()}`);
        return runScheduledSlot(await getDb(), job, slot, { runner: "inngest" });
      });
    },
  );
}

export const scheduledJobFunctions = scheduledJobs.filter((j) => j.inngest !== "own").map(scheduledJobFunction);
