import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type { PGlite } from "@electric-sql/pglite";
import { config } from "@/lib/config";
import { configurePglite, pgliteExtensions, pgliteStartSettings } from "@/lib/db/configure-pglite";
import { onShutdown } from "@/lib/server/lifecycle";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The handle every domain function takes first: a database or a transaction on either driver. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type OpenedDb = { db: Db; driver: "pglite" | "postgres"; close: () => Promise<void> };

export const migrationsFolder = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

/**
 * Opens (and migrates) a database: postgres.js for a URL, else PGlite in a
 * folder, or in memory for `memory://`. `thread`: PGlite runs on a thread of
 * its own (lib/db/pglite-thread.ts) instead of the caller's.
 */
export async function openDb(opts: { url?: string; pgliteDir?: string; thread?: boolean }): Promise<OpenedDb> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(opts.url, { max: 10, onnotice: () => {} });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = opts.pgliteDir ?? "memory://";
  if (!dir.startsWith("memory://")) {
    // PGlite creates only the last folder of its path.
    mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ dir)), { recursive: true });
  }
  const dataDir = dir.startsWith("memory://") ? undefined : path.resolve(/*turbopackIgnore: true*/ dir);
  const client = opts.thread ? await openPgliteThread(dataDir) : await openPgliteHere(dataDir);
  try {
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, driver: "pglite", close: () => client.close() };
  } catch (err) {
    await client.close().catch(() => {});
    throw err;
  }
}

async function openPgliteHere(dataDir: string | undefined) {
  const { PGlite } = await import("@electric-sql/pglite");
  const client = await PGlite.create(dataDir, { extensions: pgliteExtensions, startParams: [...PGlite.defaultStartParams, ...pgliteStartSettings] });
  await configurePglite(client);
  return client;
}

async function openPgliteThread(dataDir: string | undefined) {
  const { PGliteThread } = await import("@/lib/db/pglite-thread");
  // Same interface as the part of PGlite that drizzle's driver calls.
  return (await PGliteThread.open(dataDir)) as unknown as PGlite;
}

// Kept on globalThis so Next's dev reloads never open a second PGlite on the same folder.
const holder = globalThis as unknown as { __porticoDb?: Promise<OpenedDb> };

/** The process-wide database, opened and migrated once. A failed open is not cached. */
export function getOpenedDb(): Promise<OpenedDb> {
  if (!holder.__porticoDb) {
    const c = config();
    holder.__porticoDb = (async () => {
      const opened = await openDb({ url: c.DATABASE_URL, pgliteDir: c.PGLITE_DIR, thread: c.PGLITE_THREAD ?? true });
      if (c.NODE_ENV === "development" || c.SEED_DEMO) {
        const { seed } = await import("./seed");
        await seed(opened.db, { demo: true });
      }
      return opened;
    })();
    holder.__porticoDb.catch(() => {
      holder.__porticoDb = undefined;
    });
    // Last when the process stops, after the runner and the meters have written what they hold (PGlite
    // checkpoints its folder on close). Registered now, not once open: a stop during the open or the
    // migrations waits for them, then closes.
    onShutdown("close", "database", () => holder.__porticoDb?.then((opened) => opened.close(), () => undefined));
  }
  return holder.__porticoDb;
}

export async function getDb(): Promise<Db> {
  return (await getOpenedDb()).db;
}

/** Tests install their own per-file database here. */
export function setDbForTests(opened: OpenedDb | undefined) {
  holder.__porticoDb = opened ? Promise.resolve(opened) : undefined;
}

export { schema };
