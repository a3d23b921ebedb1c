import { getDb } from "@/db";
import { claimRun, runBatch } from "@/lib/billing/billing-runs";

// Inngest allows 1,000 steps per function run: a step per 100 partners keeps a
// 10,000-partner month end at ~100 steps. Each step is one batch of the run;
// Inngest retries a failed step, and a batch repeated after a crash creates
// nothing twice (the documents' unique keys and the run's cursor).
export const INNGEST_BATCH = 100;

type Step = { run: <T>(id: string, fn: () => Promise<T>) => Promise<unknown> };

/**
 * Claims the run (its `attempts` after the claim is this function's token) and
 * works through it a step per batch. A run held by someone else, or already
 * over, is left to them; a run taken over mid-way (this function was too slow
 * and its lease lapsed) stops at the next batch.
 */
export async function driveRun(step: Step, runId: string) {
  const attempt = (await step.run(`claim-${runId}`, async () => (await claimRun(await getDb(), runId))?.attempts ?? null)) as number | null;
  if (attempt === null) return;
  for (let i = 0; ; i++) {
    const r = (await step.run(`batch-${runId}-${i}`, async () => runBatch(await getDb(), runId, { attempt }, { batchSize: INNGEST_BATCH }))) as { done: boolean };
    if (r.done) return;
  }
}
