import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { config } from "@/lib/config";
import { describeError } from "@/lib/db/errors";

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
