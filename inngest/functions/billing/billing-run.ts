import { BILLING_RUN_REQUESTED } from "../../events";
import { inngest } from "../../client";
import { driveRun } from "./drive-run";

/** An admin's run (POST /billing/invoices/run, /billing/payouts/run), written as a row first, driven here. */
export const billingRun = inngest.createFunction(
  { id: "billing-run", triggers: [{ event: BILLING_RUN_REQUESTED }], concurrency: { limit: 1, key: "event.data.runId" } },
  async ({ event, step }) => {
    const runId = (event.data as { runId: string }).runId;
    await driveRun(step, runId);
    return { runId };
  },
);
