import { config } from "@/lib/config";
import { isServerManaged, runShutdown } from "./lifecycle";

/**
 * Under `next dev` (or a bare `next start`) no server entry of ours owns the
 * signals: Next's own handler closes its server and exits. The shutdown hooks
 * (runner, meters, database) still run on the first SIGTERM/SIGINT, and the
 * signal is raised again afterwards unless Next handles it.
 */
export function installFallbackSignalHandlers(): void {
  if (isServerManaged()) return;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      void runShutdown({ deadline: Date.now() + config().SHUTDOWN_TIMEOUT * 1000 }).finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}
