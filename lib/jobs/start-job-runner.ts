import { getDb } from "@/db";
import { config } from "@/lib/config";
import { processState } from "@/lib/process-state";
import { EmbeddedRunner } from "./embedded-runner";

const holder = processState("jobRunner", () => ({ runner: null as EmbeddedRunner | null }));

/** Once per process, and only without Inngest; stopped gracefully on SIGTERM/SIGINT. */
export async function startJobRunner() {
  if (config().jobs !== "embedded" || holder.runner) return;
  const runner = new EmbeddedRunner(getDb, { senderThread: config().WEBHOOK_SENDER_THREAD ?? true });
  holder.runner = runner;
  runner.start();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void runner.stop().finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}
