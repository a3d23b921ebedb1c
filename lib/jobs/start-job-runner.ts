import { getDb } from "@/db";
import { config } from "@/lib/config";
import { EmbeddedRunner } from "./embedded-runner";

const holder = globalThis as unknown as { __porticoRunner?: EmbeddedRunner };

/** Once per process, and only without Inngest; stopped gracefully on SIGTERM/SIGINT. */
export async function startJobRunner() {
  if (config().jobs !== "embedded" || holder.__porticoRunner) return;
  const runner = new EmbeddedRunner(getDb, { senderThread: config().WEBHOOK_SENDER_THREAD ?? true });
  holder.__porticoRunner = runner;
  runner.start();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void runner.stop().finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}
