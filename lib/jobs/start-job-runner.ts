import { getDb, getOpenedDb } from "@/db";
import { config } from "@/lib/config";
import { closeMailTransports } from "@/lib/mail/mail-transport";
import { settleMailNudges } from "@/lib/mail/nudge-mail-sender";
import { describeError } from "@/lib/db/errors";
import { processState } from "@/lib/process-state";
import { EmbeddedRunner } from "./embedded-runner";
import { EmbeddedScheduler } from "./embedded-scheduler";
import { failInterruptedRuns } from "./run-scheduled-slot";
import { declarePreviousRunnersDead } from "./runner-leases";

const holder = processState("jobRunner", () => ({ runner: null as EmbeddedRunner | null, scheduler: null as EmbeddedScheduler | null }));

/**
 * Once per process, and only without Inngest (which runs the same work from its
 * own functions and crons): the runner and the scheduler of periodic jobs,
 * stopped together and gracefully on SIGTERM/SIGINT.
 */
export async function startJobRunner() {
  if (config().jobs !== "embedded" || holder.runner) return;
  const runner = new EmbeddedRunner(getDb, { senderThread: config().WEBHOOK_SENDER_THREAD ?? true });
  const scheduler = new EmbeddedScheduler(getDb);
  holder.runner = runner;
  holder.scheduler = scheduler;
  // Registered before anything is awaited: a signal during start-up still stops the runner gracefully.
  let stopRequested = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      stopRequested = true;
      // Mail nudges in flight finish (their rows would otherwise wait for a sweep), then the SMTP pool closes.
      const mail = settleMailNudges().finally(() => closeMailTransports());
      void Promise.allSettled([runner.stop(), scheduler.stop(), mail]).finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
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
