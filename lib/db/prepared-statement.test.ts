import { is, sql } from "drizzle-orm";
import { PgliteDatabase } from "drizzle-orm/pglite";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDb } from "@/lib/testing/test-db";
import { preparedStatement } from "./prepared-statement";
import { rowsOf } from "./rows";

const db = useTestDb();
const onPglite = () => is(db(), PgliteDatabase);

const echo = preparedStatement("test_echo", ["text", "jsonb"], ([t, j]) => sql`select ${t} as t, ${j}->>'k' as k, (select count(*) from prepared_probe) as n`);
const run = async (t: string | null, j: string) => rowsOf<{ t: string | null; k: string | null; n: string | number }>(await echo(db(), [t, j]))[0];
const prepared = async () =>
  rowsOf<{ name: string }>(await db().execute(sql`select name from pg_prepared_statements where name like 'test_echo_%' order by name`)).map((r) => r.name);

beforeAll(async () => {
  await db().execute(sql`create table prepared_probe (id int primary key)`);
});

describe("preparedStatement", () => {
  it("gives the same rows as the plain statement, values passed exactly", async () => {
    const tricky = `O'Brien's \\ "quoted" $1 $$ -- not a comment; \n ✓ ''`;
    const row = await run(tricky, JSON.stringify({ k: tricky }));
    expect(row.t).toBe(tricky);
    expect(row.k).toBe(tricky);
    expect((await run(null, "{}")).t).toBeNull();
    // A value cannot end the literal and run SQL of its own.
    const attack = `x'); drop table prepared_probe; --`;
    expect((await run(attack, "{}")).t).toBe(attack);
    expect(Number((await run("y", "{}")).n)).toBe(0);
  });

  it("sees rows written after it was prepared", async () => {
    await db().execute(sql`insert into prepared_probe select generate_series(1, 100)`);
    expect(Number((await run("z", "{}")).n)).toBe(100);
  });

  it.runIf(process.env.DATABASE_URL === undefined)("on PGlite: prepared once, then again under a new name as runs double, dropping the name before last", async () => {
    expect(onPglite()).toBe(true);
    // The tests above made 5 runs: one statement so far.
    expect(await prepared()).toEqual(["test_echo_0"]);
    for (let i = 0; i < 60; i++) await run("a", "{}");
    expect(await prepared()).toEqual(["test_echo_0", "test_echo_1"]);
    for (let i = 0; i < 64; i++) await run("a", "{}");
    expect(await prepared()).toEqual(["test_echo_1", "test_echo_2"]);
  });

  it("runs started together across a re-plan all succeed", async () => {
    const rows = await Promise.all(Array.from({ length: 300 }, (_, i) => run(String(i), "{}")));
    expect(rows.map((r) => r.t)).toEqual(Array.from({ length: 300 }, (_, i) => String(i)));
  });
});
