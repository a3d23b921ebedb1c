import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { config } from "@/lib/config";
import { describeError } from "@/lib/db/errors";
import { isDraining, lifecyclePhase } from "@/lib/server/lifecycle";

export async function checkHealth(): Promise<{ status: number; body: Record<string, string> }> {
  const jobs = config().jobs;
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: 200, body: { status: "ok", db: "ok", jobs } };
  } catch (err) {
    // The reason goes to the server log only: the endpoint is public and errors can name hosts.
    console.error(`health: database check failed: ${describeError(err, { frames: false })}`);
    return { status: 503, body: { status: "error", db: "unreachable", jobs } };
  }
}

/**
 * Readiness: whether a load balancer should send this process requests. 503
 * while start-up is under way, from the moment a stop begins (SIGTERM: before
 * the first connection is refused), and whenever the database is unreachable.
 */
export async function checkReadiness(): Promise<{ status: number; body: Record<string, string> }> {
  const phase = lifecyclePhase();
  if (phase !== "ready") return { status: 503, body: { status: phase, jobs: config().jobs } };
  const health = await checkHealth();
  if (health.status !== 200) return health;
  // Draining may have begun while the database answered.
  if (isDraining()) return { status: 503, body: { status: "draining", jobs: config().jobs } };
  return { status: 200, body: { ...health.body, status: "ready" } };
}
