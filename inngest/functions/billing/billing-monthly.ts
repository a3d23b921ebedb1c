import { getDb } from "@/db";
import { ensureMonthEndRuns, periodClosedBy } from "@/lib/billing/month-end";
import { slotOfTrigger } from "@/lib/jobs/scheduled-job";
import { inngest } from "../../client";
import { driveRun } from "./drive-run";

export const BILLING_MONTHLY_CRON = "0 0 1 * *";

/**
 * The month end on Inngest: last month's invoices, then its payouts, a step
 * per batch of partners (the embedded scheduler runs the same runs through
 * the `billing-monthly` entry of lib/jobs/schedules.ts). The runs are found
 * or created by period, so a re-fired cron or a retried first step resumes
 * the same runs rather than starting new ones.
 */
export const billingMonthly = inngest.createFunction(
  { id: "billing-monthly", triggers: [{ cron: BILLING_MONTHLY_CRON }] },
  async ({ event, step }) => {
    const runs = (await step.run("create-runs", async () => {
      const firedAt = new Date(typeof event.ts === "number" ? event.ts : Date.now());
      const slot = slotOfTrigger(BILLING_MONTHLY_CRON, firedAt) ?? firedAt;
      const period = periodClosedBy(slot);
      return { period, ...(await ensureMonthEndRuns(await getDb(), period)) };
    })) as { period: string; invoices: string; payouts: string };
    await driveRun(step, runs.invoices);
    await driveRun(step, runs.payouts);
    return runs;
  },
);
