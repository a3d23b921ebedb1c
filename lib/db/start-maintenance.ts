import { getOpenedDb } from "@/db";
import { processState } from "@/lib/process-state";
import { describeError } from "./errors";
import { vacuumWhereNeeded } from "./maintenance";

const EVERY_MS = 5 * 60_000;

/** Once per process, on the embedded database only (Postgres has autovacuum). */
export async function startDbMaintenance() {
  const state = processState("dbMaintenance", () => ({ started: false }));
  if (state.started) return;
  state.started = true;
  const opened = await getOpenedDb();
  if (opened.driver !== "pglite") return;
  const run = () =>
    vacuumWhereNeeded(opened.db).catch((err) => console.error(`db maintenance failed: ${describeError(err, { frames: false })}`));
  setInterval(run, EVERY_MS).unref();
}
