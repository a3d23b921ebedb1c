import { fileURLToPath } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A worker thread running a TypeScript entry from the sources, through tsx
 * (tests and tsx scripts). Under Next, callers write
 * `new Worker(new URL("./entry.ts", import.meta.url))` themselves: Turbopack
 * bundles the entry only when it sees that form at the call site.
 */
export function sourceWorker(entry: URL, options: WorkerOptions): Worker {
  return new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(fileURLToPath(entry))});`, { ...options, eval: true });
}
