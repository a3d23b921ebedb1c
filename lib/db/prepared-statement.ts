import { is, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { PgliteDatabase } from "drizzle-orm/pglite";
import type { Db } from "@/db";
import { processState } from "@/lib/process-state";
import { pgErrorCode } from "./errors";

const dialect = new PgDialect();

/** A text value as an SQL literal (standard_conforming_strings is on: see configurePglite). */
// Outcome batches run to hundreds of KB and rarely hold a quote: no copy unless one is there.
const literal = (v: string | null) => (v === null ? "null" : `'${v.includes("'") ? v.replaceAll("'", "''") : v}'`);

type Session = { runs: number; replanAt: number; generation: number; ready: Promise<string> };

/**
 * A statement parsed and planned once per database session instead of on every
 * run. postgres.js prepares every statement by itself; PGlite has no API for
 * it, and there parsing and planning a big statement costs several times its
 * execution (the fan-out: about 3.4 of 4.4 ms alone), so it is PREPAREd once
 * and run with EXECUTE. `build` gets the parameters as `$1…$n` and must not
 * embed values of its own. Transactions take the plain path.
 *
 * Postgres keeps a generic plan from the sixth run until an ANALYZE or DDL
 * invalidates it, so a plan chosen while a table was nearly empty (a sequential
 * scan, say) would stay as the table grows. The statement is prepared again,
 * under a new name, after 64, 128, 256… runs (then every 65,536): a plan is
 * never used on much more than twice the rows it was chosen for. The name
 * before last is deallocated then; no run still waits to use it.
 */
export function preparedStatement(name: string, paramTypes: string[], build: (params: SQL[]) => SQL) {
  const placeholders = paramTypes.map((t, i) => sql.raw(`$${i + 1}::${t}`));
  const text = dialect.sqlToQuery(build(placeholders));
  if (text.params.length) throw new Error(`preparedStatement ${name}: the statement embeds values; pass them as parameters`);
  // Per process, not per module copy: Next bundles each entry apart, and every copy shares the one session.
  const sessions = processState(`prepared:${name}`, () => new WeakMap<object, Session>());

  const prepare = async (db: Db, generation: number) => {
    const statement = `${name}_${generation}`;
    await db.execute(sql.raw(`prepare ${statement}(${paramTypes.join(", ")}) as ${text.sql}`)).catch((err: unknown) => {
      // 42P05: prepared already (by a process that had this session before, say a dev reload).
      if (pgErrorCode(err) !== "42P05") throw err;
    });
    if (generation >= 2) await db.execute(sql.raw(`deallocate ${name}_${generation - 2}`)).catch(() => {});
    return statement;
  };

  return async (db: Db, values: (string | null)[]): Promise<unknown> => {
    if (!is(db, PgliteDatabase)) return db.execute(build(values.map((v, i) => sql`${v}::${sql.raw(paramTypes[i])}`)));
    const client = (db as unknown as { $client: object }).$client;
    let s = sessions.get(client);
    if (!s) sessions.set(client, (s = { runs: 0, replanAt: 64, generation: 0, ready: prepare(db, 0) }));
    else if (s.runs >= s.replanAt) {
      s.replanAt += Math.min(s.replanAt, 65_536);
      s.ready = prepare(db, ++s.generation);
    }
    s.runs++;
    const statement = await s.ready.catch((err: unknown) => {
      // A failed PREPARE is not kept: the next run prepares afresh.
      if (sessions.get(client) === s) sessions.delete(client);
      throw err;
    });
    return db.execute(sql.raw(`execute ${statement}(${values.map(literal).join(", ")})`));
  };
}
