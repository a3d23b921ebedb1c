// Runs once per server process (Next's instrumentation hook). Starts the
// embedded job runner when Inngest is not configured.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startJobRunner } = await import("./lib/jobs/start-job-runner");
  await startJobRunner();
}
