// Runs once per server process (Next's instrumentation hook). Hooks the HTTP
// server (undecodable paths, the peer address), starts the embedded job runner when Inngest is
// not configured, and the embedded database's vacuuming (PGlite has no autovacuum).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // node:http is imported inside server-hooks, so this file stays loadable by the Edge compile.
  const { installServerHooks } = await import("./lib/http/server-hooks");
  installServerHooks();
  const { startJobRunner } = await import("./lib/jobs/start-job-runner");
  await startJobRunner();
  const { startDbMaintenance } = await import("./lib/db/start-maintenance");
  await startDbMaintenance();
}
