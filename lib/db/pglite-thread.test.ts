import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type OpenedDb } from "@/db";
import { events, partners } from "@/db/schema";
import { isUniqueViolation, pgConstraint } from "./errors";
import { rowsOf } from "./rows";

// PGlite on its own thread, through drizzle, as the server runs it.

let opened: OpenedDb;
beforeAll(async () => {
  opened = await openDb({ thread: true });
});
afterAll(() => opened.close());
const db = () => opened.db;

const newPartner = (slug: string) => db().insert(partners).values({ name: slug, slug }).returning();

describe("PGlite on its own thread", () => {
  it("migrates, and maps values as the in-thread driver does (timestamps to Dates, jsonb, arrays, nulls)", async () => {
    const [p] = await newPartner("thread-values");
    expect(p.createdAt).toBeInstanceOf(Date);
    const [e] = await db()
      .insert(events)
      .values({ type: "lead.created", data: { nested: { n: 1, list: ["a", null] } }, partnerId: p.id, createdBy: "test" })
      .returning();
    const [back] = await db().select().from(events).where(eq(events.id, e.id));
    expect(back.data).toEqual({ nested: { n: 1, list: ["a", null] } });
    expect(back.createdAt.getTime()).toBe(e.createdAt.getTime());
    expect(back.accountId).toBeNull();
    const [row] = rowsOf<{ a: string[]; b: boolean; n: number; t: string }>(
      await db().execute(sql`select array['x','y']::text[] as a, true as b, 41 + ${1}::int as n, '2026-01-02T03:04:05.678Z'::timestamptz::text as t`),
    );
    expect(row).toEqual({ a: ["x", "y"], b: true, n: 42, t: "2026-01-02 03:04:05.678+00" });
  });

  it("reports Postgres errors with their code and constraint", async () => {
    await newPartner("thread-dup");
    const err = await newPartner("thread-dup").catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(pgConstraint(err)).toBe("partners_slug_uq");
    // And the database goes on working after the failure.
    expect((await newPartner("thread-after-error"))[0].slug).toBe("thread-after-error");
  });

  it("commits a transaction that resolves and rolls back one that throws, savepoints included", async () => {
    await db().transaction(async (tx) => {
      await tx.insert(partners).values({ name: "c", slug: "thread-commit" });
      await tx
        .transaction(async (inner) => {
          await inner.insert(partners).values({ name: "i", slug: "thread-inner" });
          throw new Error("inner fails");
        })
        .catch(() => {});
    });
    await expect(
      db().transaction(async (tx) => {
        await tx.insert(partners).values({ name: "r", slug: "thread-rollback" });
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    const slugs = (await db().select({ slug: partners.slug }).from(partners)).map((r) => r.slug);
    expect(slugs).toContain("thread-commit");
    expect(slugs).not.toContain("thread-inner");
    expect(slugs).not.toContain("thread-rollback");
  });

  it("makes other statements wait for an open transaction, as PGlite does", async () => {
    const order: string[] = [];
    let outside: Promise<unknown> | undefined;
    await db().transaction(async (tx) => {
      await tx.insert(partners).values({ name: "w", slug: "thread-wait" });
      outside = db()
        .select({ slug: partners.slug })
        .from(partners)
        .where(eq(partners.slug, "thread-wait"))
        .then((rows) => order.push(`outside saw ${rows.length}`));
      await new Promise((r) => setTimeout(r, 50));
      order.push("commit");
    });
    await outside;
    expect(order).toEqual(["commit", "outside saw 1"]);
  });

  it("leaves the calling thread free while a statement runs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const t0 = performance.now();
    await db().execute(sql`select count(*) from generate_series(1, 3000000)`);
    const ms = performance.now() - t0;
    clearInterval(timer);
    // On the calling thread the timer could not fire at all during the statement.
    expect(ms).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(ms / 5 / 4);
  });

  it("fails statements at once, with a clear error, when the database thread dies (rather than leaving them hanging)", async () => {
    const other = await openDb({ thread: true });
    const worker = (other.db as unknown as { $client: { worker: { terminate: () => Promise<number> } } }).$client.worker;
    const errors: unknown[] = [];
    const spy = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(" "));
    try {
      const inFlight = other.db.execute(sql`select count(*) from generate_series(1, 3000000)`);
      await worker.terminate();
      await expect(inFlight).rejects.toThrow();
      // drizzle wraps the driver's error as its cause.
      await expect(other.db.select().from(partners)).rejects.toMatchObject({ cause: { message: "database thread exited (1)" } });
      expect(errors.join("\n")).toContain("database thread exited");
    } finally {
      console.error = spy;
      await other.close();
    }
  });

  it("keeps its data in a folder across a close and reopen", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pglite-thread-"));
    try {
      const first = await openDb({ thread: true, pgliteDir: path.join(dir, "data") });
      await first.db.insert(partners).values({ name: "kept", slug: "thread-kept" });
      await first.close();
      await expect(first.db.select().from(partners)).rejects.toThrow();
      const second = await openDb({ thread: true, pgliteDir: path.join(dir, "data") });
      expect((await second.db.select().from(partners).where(eq(partners.slug, "thread-kept"))).length).toBe(1);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
