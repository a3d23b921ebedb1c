import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "./rows";

// PGlite runs Postgres in single-user mode, where no autovacuum worker exists:
// without this, every updated delivery leaves its dead row version and index
// entries behind for good (tables and indexes only grow, scans slow down), and
// the planner never gets statistics. This does autovacuum's job, with its
// default thresholds, for whichever tables need it. A server on Postgres has
// autovacuum and never calls this.

type TableStats = { relname: string; n_live_tup: number | string; n_dead_tup: number | string; n_mod_since_analyze: number | string };

export type MaintenanceRun = { vacuumed: string[]; analyzed: string[] };

export async function vacuumWhereNeeded(db: Db): Promise<MaintenanceRun> {
  // Single-user mode flushes table statistics only when asked.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  await db.execute(sql`select 1`);
  const tables = rowsOf<TableStats>(
    await db.execute(sql`select relname, n_live_tup, n_dead_tup, n_mod_since_analyze from pg_stat_user_tables where schemaname = 'public'`),
  );
  const run: MaintenanceRun = { vacuumed: [], analyzed: [] };
  for (const t of tables) {
    const live = Number(t.n_live_tup);
    // Names come from the catalog, quoted as identifiers.
    const table = sql.identifier(t.relname);
    if (Number(t.n_dead_tup) > 50 + 0.2 * live) {
      await db.execute(sql`vacuum (analyze) ${table}`);
      run.vacuumed.push(t.relname);
    } else if (Number(t.n_mod_since_analyze) > 50 + 0.1 * live) {
      await db.execute(sql`analyze ${table}`);
      run.analyzed.push(t.relname);
    }
  }
  return run;
}
