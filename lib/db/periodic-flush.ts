import { getDb, type Db } from "@/db";
import { onShutdown } from "@/lib/server/lifecycle";
import { describeError } from "./errors";

/** Counts kept in memory and written in batches (usage, integration metrics, listing stats). */
export type Flushable = { readonly pending: number; flush(db: Db): Promise<void> };

/**
 * Writes `target` once per `everyMs` and once more when the process stops and before exit, so a
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
  // After the requests in flight and the runner (stage "work"), whose counts it writes.
  onShutdown("flush", label, flush);
  process.once("beforeExit", () => void flush());
  return timer;
}
