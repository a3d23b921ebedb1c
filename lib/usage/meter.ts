import { getDb } from "@/db";
import { startPeriodicFlush } from "@/lib/db/periodic-flush";
import { UsageMeter, type MeteredCall } from "./usage-meter";

// The process-wide meter and its flush loop (every second, and on shutdown).
const holder = globalThis as unknown as { __porticoMeter?: { meter: UsageMeter; timer: NodeJS.Timeout } };

export const FLUSH_INTERVAL_MS = 1000;

function start() {
  const meter = new UsageMeter();
  return { meter, timer: startPeriodicFlush("usage", meter, FLUSH_INTERVAL_MS) };
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
