import { config } from "@/lib/config";
import { describeError } from "@/lib/db/errors";
import { processState } from "@/lib/process-state";
import type { DeliveryJob } from "@/lib/webhooks/delivery-job";

// How new work reaches whatever runs it. The database row is the source of
// truth; this is only a nudge, so a lost nudge costs latency, never a delivery
// (the sweep finds due rows either way).

type Listener = (deliveryIds: string[]) => void;

/** The embedded runner of this process, taking fresh deliveries straight from the publisher. */
export type JobTaker = {
  /** Its id in job_runners: the claims it is handed are made in its name. */
  runnerId: string;
  /** How many more jobs it would queue now; 0 = create the deliveries unclaimed. */
  room(): number;
  /** False when it stopped meanwhile: the caller then releases the claims. */
  take(jobs: DeliveryJob[]): boolean;
};

// One per process: instrumentation.ts (which starts the runner) and the route
// handlers (which publish) are separate bundles with their own copies of this module.
const listeners = processState("jobListeners", () => new Set<Listener>());
const takers = processState("jobTakers", () => new Set<JobTaker>());

/** The embedded runner subscribes here to wake up at once instead of at its next poll. */
export function onDeliveriesScheduled(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function acceptHandoffs(taker: JobTaker): () => void {
  takers.add(taker);
  return () => takers.delete(taker);
}

/** A runner in this process with room for new jobs, if any (never with Inngest: it runs elsewhere). */
export function localTaker(): JobTaker | null {
  if (config().jobs !== "embedded") return null;
  for (const t of takers) if (t.room() > 0) return t;
  return null;
}

export async function notifyDeliveriesScheduled(deliveryIds: string[]) {
  if (!deliveryIds.length) return;
  if (config().jobs === "inngest") {
    try {
      const { inngest } = await import("@/inngest/client");
      await inngest.send(deliveryIds.map((deliveryId) => ({ name: "portico/webhooks.delivery_scheduled", data: { deliveryId } })));
    } catch (err) {
      console.warn(`jobs: could not send to Inngest; the sweep will pick the deliveries up: ${describeError(err, { frames: false })}`);
    }
    return;
  }
  for (const l of listeners) l(deliveryIds);
}
