// Runs once per server process (Next's instrumentation hook), before the first
// request: hooks the HTTP server (undecodable paths, the peer address), opens and
// migrates the database, starts the embedded job runner when Inngest is not
// configured and the embedded database's vacuuming (PGlite has no autovacuum),
// then marks the process ready (GET /api/health/ready).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // node:http is imported inside server-hooks, so this file stays loadable by the Edge compile.
  const { installServerHooks } = await import("./lib/http/server-hooks");
  installServerHooks();
  const { installFallbackSignalHandlers } = await import("./lib/server/fallback-signals");
  installFallbackSignalHandlers();
  const { startJobRunner } = await import("./lib/jobs/start-job-runner");
  await startJobRunner();
  const { startDbMaintenance } = await import("./lib/db/start-maintenance");
  await startDbMaintenance();
  const { markReady } = await import("./lib/server/lifecycle");
  markReady();
}
