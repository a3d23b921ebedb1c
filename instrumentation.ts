// Runs once per server process (Next's instrumentation hook). Starts the
// embedded job runner when Inngest is not configured, and the embedded
// database's vacuuming (PGlite has no autovacuum).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobRunner } = await import("./lib/jobs/start-job-runner");
  await startJobRunner();
  const { startDbMaintenance } = await import("./lib/db/start-maintenance");
  await startDbMaintenance();
}
