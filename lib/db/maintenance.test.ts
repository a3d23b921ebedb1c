import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/lib/testing/test-db";
import { vacuumWhereNeeded } from "./maintenance";
import { rowsOf } from "./rows";

const db = useTestDb();

async function deadRows(table: string) {
  await db().execute(sql`select pg_stat_force_next_flush()`);
  await db().execute(sql`select 1`);
  const [row] = rowsOf<{ n_dead_tup: string | number }>(await db().execute(sql`select n_dead_tup from pg_stat_user_tables where relname = ${table}`));
  return Number(row.n_dead_tup);
}

describe("vacuumWhereNeeded (autovacuum's job on PGlite)", () => {
  it("vacuums a table whose dead row versions pass autovacuum's threshold, and leaves a quiet one alone", async () => {
    // autovacuum off so that on Postgres the server's own worker cannot get there first.
    await db().execute(sql`create table maint_churn (id int primary key, v int) with (autovacuum_enabled = false)`);
    await db().execute(sql`create table maint_quiet (id int primary key) with (autovacuum_enabled = false)`);
    await db().execute(sql`insert into maint_churn select g, 0 from generate_series(1, 1000) g`);
    await db().execute(sql`insert into maint_quiet select g from generate_series(1, 1000) g`);
    await deadRows("maint_quiet"); // flush the inserts' statistics first, as a real quiet table would have
    await db().execute(sql`vacuum (analyze) maint_quiet`);
    for (let i = 0; i < 3; i++) await db().execute(sql`update maint_churn set v = v + 1`);
    expect(await deadRows("maint_churn")).toBeGreaterThan(250);

    const run = await vacuumWhereNeeded(db());
    expect(run.vacuumed).toContain("maint_churn");
    expect(run.vacuumed).not.toContain("maint_quiet");
    expect(run.analyzed).not.toContain("maint_quiet");
    expect(await deadRows("maint_churn")).toBe(0);
  });
});
