import { config } from "@/lib/config";
import { processState } from "@/lib/process-state";

// How new work reaches whatever runs it. The database row is the source of
// truth; this is only a nudge, so a lost nudge costs latency, never a delivery
// (the sweep finds due rows either way).

type Listener = (deliveryIds: string[]) => void;
// One per process: instrumentation.ts (which starts the runner) and the route
// handlers (which publish) are separate bundles with their own copies of this module.
const listeners = processState("jobListeners", () => new Set<Listener>());

/** The embedded runner subscribes here to wake up at once instead of at its next poll. */
export function onDeliveriesScheduled(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function notifyDeliveriesScheduled(deliveryIds: string[]) {
  if (!deliveryIds.length) return;
  if (config().jobs === "inngest") {
    try {
      const { inngest } = await import("@/inngest/client");
      await inngest.send(deliveryIds.map((deliveryId) => ({ name: "portico/webhooks.delivery_scheduled", data: { deliveryId } })));
    } catch (err) {
      console.warn("jobs: could not send to Inngest; the sweep will pick the deliveries up:", (err as Error).message);
    }
    return;
  }
  for (const l of listeners) l(deliveryIds);
}
