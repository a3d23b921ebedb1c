import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { config } from "@/lib/config";

export async function checkHealth(): Promise<{ status: number; body: Record<string, string> }> {
  const jobs = config().jobs;
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: 200, body: { status: "ok", db: "ok", jobs } };
  } catch (err) {
    return { status: 503, body: { status: "error", db: "unreachable", jobs, detail: (err as Error).message.slice(0, 200) } };
  }
}
