import { getDb, getOpenedDb } from "@/db";
import { config } from "@/lib/config";
import { closeMailTransports } from "@/lib/mail/mail-transport";
import { settleMailNudges } from "@/lib/mail/nudge-mail-sender";
import { describeError } from "@/lib/db/errors";
import { processState } from "@/lib/process-state";
import { onShutdown } from "@/lib/server/lifecycle";
import { EmbeddedRunner } from "./embedded-runner";
import { EmbeddedScheduler } from "./embedded-scheduler";
import { failInterruptedRuns } from "./run-scheduled-slot";
import { declarePreviousRunnersDead } from "./runner-leases";

const holder = processState("jobRunner", () => ({ runner: null as EmbeddedRunner | null, scheduler: null as EmbeddedScheduler | null }));

/**
 * Once per process, and only without Inngest (which runs the same work from its
 * own functions and crons): the runner and the scheduler of periodic jobs,
 * stopped together and gracefully when the process stops (lib/server/lifecycle.ts).
 */
export async function startJobRunner() {
  if (config().jobs !== "embedded" || holder.runner) return;
  const runner = new EmbeddedRunner(getDb, { senderThread: config().WEBHOOK_SENDER_THREAD ?? true });
  const scheduler = new EmbeddedScheduler(getDb);
  holder.runner = runner;
  holder.scheduler = scheduler;
  // Registered before anything is awaited: a stop during start-up still stops the runner gracefully.
  let stopRequested = false;
  onShutdown("work", "job runner", () => {
    stopRequested = true;
    // The runner hands back the claims it holds; the scheduler lets its running jobs end.
    return Promise.all([runner.stop(), scheduler.stop()]);
  });
  // Mail nudges finish (their rows would otherwise wait for a sweep): after the drain, as the last requests may start some; then the SMTP pool closes.
  onShutdown("flush", "mail nudges", () => settleMailNudges());
  onShutdown("close", "SMTP pool", () => closeMailTransports());
  // An embedded PGlite folder is open in this process only: a runner that
  // worked on it before this start is gone (a crash, say), and what it had
  // claimed is free now rather than when the claims lapse.
  try {
    const opened = await getOpenedDb();
    if (opened.driver === "pglite") {
      await declarePreviousRunnersDead(opened.db);
      // Likewise the scheduled runs it left running: failed now rather than after their job's maxRunMs.
      await failInterruptedRuns(opened.db, scheduler.runnerId);
    }
  } catch (err) {
    // Not fatal: the runner retries the database itself, and the claims still lapse.
    console.error(`runner: could not check for previous runners: ${describeError(err, { frames: false })}`);
  }
  // Unless a signal came meanwhile: stop() has run, and a start now would outlive it.
  if (!stopRequested) {
    runner.start();
    scheduler.start();
  }
}
