import { getDb, type Db } from "@/db";
import { describeError } from "./errors";

/** Counts kept in memory and written in batches (usage, integration metrics, listing stats). */
export type Flushable = { readonly pending: number; flush(db: Db): Promise<void> };

/**
 * Writes `target` once per `everyMs` and once more on SIGTERM/SIGINT and before exit, so a
 * graceful stop loses nothing and a crash at most the last interval. A failed write is the
 * target's to keep and retry. Nothing pending: the database is not touched (opening it here
 * would, after a test has dropped its own, open the configured one behind the test's back).
 */
export function startPeriodicFlush(label: string, target: Flushable, everyMs = 1000) {
  const flush = () =>
    target.pending === 0
      ? Promise.resolve()
      : getDb()
          .then((db) => target.flush(db))
          .catch((err) => console.error(`${label}: flush failed, will retry: ${describeError(err, { frames: false })}`));
  const timer = setInterval(flush, everyMs);
  timer.unref();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void flush().finally(() => {
        // Re-raise only if nobody else handles the signal, so we don't swallow shutdown.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
  process.once("beforeExit", () => void flush());
  return timer;
}
