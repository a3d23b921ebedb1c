import { getDb } from "@/db";
import { describeError } from "@/lib/db/errors";
import { UsageMeter, type MeteredCall } from "./usage-meter";

// The process-wide meter and its flush loop (every second, and on shutdown).
const holder = globalThis as unknown as { __porticoMeter?: { meter: UsageMeter; timer: NodeJS.Timeout } };

export const FLUSH_INTERVAL_MS = 1000;

function start() {
  const meter = new UsageMeter();
  const flush = () =>
    // Nothing to write: don't touch the database (opening it here would, after a
    // test has dropped its own, open the configured one behind the test's back).
    meter.pending === 0
      ? Promise.resolve()
      : getDb()
          .then((db) => meter.flush(db))
          .catch((err) => console.error(`usage: flush failed, will retry: ${describeError(err, { frames: false })}`));
  const timer = setInterval(flush, FLUSH_INTERVAL_MS);
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
  return { meter, timer };
}

export function meterCall(call: MeteredCall) {
  holder.__porticoMeter ??= start();
  holder.__porticoMeter.meter.record(call);
}

/** Flushes now; tests and benchmarks call this instead of waiting a second. */
export async function flushUsage() {
  if (!holder.__porticoMeter) return;
  await holder.__porticoMeter.meter.flush(await getDb());
}
