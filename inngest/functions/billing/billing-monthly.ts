import { getDb } from "@/db";
import { ensureMonthEndRun, periodClosedBy } from "@/lib/billing/month-end";
import { slotOfTrigger } from "@/lib/jobs/scheduled-job";
import { inngest } from "../../client";
import { driveRun } from "./drive-run";

export const BILLING_MONTHLY_CRON = "0 0 1 * *";

/**
 * The month end on Inngest: last month's invoices, then its payouts, a step
 * per batch of partners (the embedded scheduler runs the same runs through
 * the `billing-monthly` entry of lib/jobs/schedules.ts). The runs are found
 * or created by period (a unique index), so a re-fired cron or a retried
 * step resumes the same runs rather than starting new ones.
 */
export const billingMonthly = inngest.createFunction(
  { id: "billing-monthly", triggers: [{ cron: BILLING_MONTHLY_CRON }] },
  async ({ event, step }) => {
    const period = (await step.run("period", async () => {
      const firedAt = new Date(typeof event.ts === "number" ? event.ts : Date.now());
      return periodClosedBy(slotOfTrigger(BILLING_MONTHLY_CRON, firedAt) ?? firedAt);
    })) as string;
    const invoices = (await step.run("invoices-run", async () => ensureMonthEndRun(await getDb(), "invoices", period))) as string;
    await driveRun(step, invoices);
    // Created once the invoices are done (as the embedded month end does).
    const payouts = (await step.run("payouts-run", async () => ensureMonthEndRun(await getDb(), "payouts", period))) as string;
    await driveRun(step, payouts);
    return { period, invoices, payouts };
  },
);
