import { getDb } from "@/db";
import { attemptDelivery } from "@/lib/webhooks/attempt-delivery";
import { inngest } from "../../client";
import { DELIVERY_SCHEDULED, DeliveryScheduled } from "../../events";

const MAX_STEPS = 50;

/**
 * One delivery from first attempt to success or dead letter: each attempt is
 * its own step (retried by Inngest if the step itself crashes), backoff is a
 * durable sleep until the time the attempt scheduled. The row is the truth, so
 * a duplicate event only finds the delivery locked or finished and stops.
 */
export const webhookDeliver = inngest.createFunction(
  {
    id: "webhook-deliver",
    triggers: [{ event: DELIVERY_SCHEDULED }],
    concurrency: [{ key: "event.data.deliveryId", limit: 1 }],
    retries: 3,
  },
  async ({ event, step }) => {
    const { deliveryId } = DeliveryScheduled.parse(event.data);
    for (let i = 1; i <= MAX_STEPS; i++) {
      const outcome = await step.run(`attempt-${i}`, async () => attemptDelivery(await getDb(), deliveryId));
      if (outcome.kind !== "retry") return outcome;
      await step.sleepUntil(`backoff-${i}`, new Date(outcome.nextAttemptAt));
    }
    return { kind: "gave-up-steps" };
  },
);
