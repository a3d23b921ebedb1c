import { getDb } from "@/db";
import { findStrandedDeliveries } from "@/lib/webhooks/find-stranded-deliveries";
import { inngest } from "../../client";
import { DELIVERY_SCHEDULED } from "../../events";

/**
 * Every minute: deliveries that are due but nobody is working on (a lost event,
 * a crashed run) get a fresh event, so nothing depends on a message that can vanish.
 */
export const webhookSweep = inngest.createFunction({ id: "webhook-sweep", triggers: [{ cron: "* * * * *" }] }, async ({ step }) => {
  const ids = await step.run("find-stranded", async () => findStrandedDeliveries(await getDb()));
  if (ids.length) await step.sendEvent("reschedule", ids.map((deliveryId) => ({ name: DELIVERY_SCHEDULED, data: { deliveryId } })));
  return { rescheduled: ids.length };
});
