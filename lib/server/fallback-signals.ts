import { config } from "@/lib/config";
import { isServerManaged, runShutdown } from "./lifecycle";

/**
 * Under `next dev` (or a bare `next start`) no server entry of ours owns the
 * signals, and Next's own handler closes its server and exits (`next dev`'s
 * parent kills its worker 100 ms after forwarding the signal). The shutdown
 * hooks are started on the first SIGTERM/SIGINT, best effort: they finish
 * only if Next lets the process live that long. Not the `close` stage: Next
 * may go on answering kept-alive connections for a while, and they need the
 * database. Production runs `npm start`.
 */
export function installFallbackSignalHandlers(): void {
  if (isServerManaged()) return;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void runShutdown({ deadline: Date.now() + config().SHUTDOWN_TIMEOUT * 1000, stages: ["work", "flush"] }).finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}
