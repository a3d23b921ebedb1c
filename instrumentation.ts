// Runs once per server process (Next's instrumentation hook). Answers requests
// whose path Next cannot decode, starts the embedded job runner when Inngest is
// not configured, and the embedded database's vacuuming (PGlite has no autovacuum).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { Server } = await import("node:http");
  const { installMalformedPathGuard } = await import("./lib/http/malformed-path-guard");
  installMalformedPathGuard(Server);
  const { startJobRunner } = await import("./lib/jobs/start-job-runner");
  await startJobRunner();
  const { startDbMaintenance } = await import("./lib/db/start-maintenance");
  await startDbMaintenance();
}
