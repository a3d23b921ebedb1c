// A billing runner in a process of its own, for the crash test (run-crash.test.ts):
// it drives a run batch by batch and says "batch" after each, so the test can
// SIGKILL it at a moment of its choosing, mid-batch.
import { openDb, setDbForTests } from "@/db";
import { claimRun, runBatch } from "../billing-runs";

async function main() {
  const [target, runId] = process.argv.slice(2);
  const opened = await openDb(target.startsWith("postgres") ? { url: target } : { pgliteDir: target });
  setDbForTests(opened);
  const claimed = await claimRun(opened.db, runId);
  if (!claimed) throw new Error("could not claim the run");
  for (;;) {
    const { done } = await runBatch(opened.db, runId, { attempt: claimed.attempts }, { batchSize: 1 });
    process.stdout.write("batch\n");
    if (done) break;
  }
  await opened.close();
}

void main();
