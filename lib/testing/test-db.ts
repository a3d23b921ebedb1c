import { randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { openDb, setDbForTests, type Db, type OpenedDb } from "@/db";
import { seed } from "@/db/seed";
import { describeError } from "@/lib/db/errors";
import { flushListingStats } from "@/lib/marketplace/listing-stats";
import { flushUsage } from "@/lib/usage/meter";
import { flushIntegrationMetrics } from "@/lib/integrations/meter-integration-call";

/**
 * A fresh database for one test file: PGlite in memory by default, or a new
 * database on the server named by DATABASE_URL (dropped afterwards).
 */
export async function createTestDb(): Promise<OpenedDb & { drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const opened = await openDb({});
    return { ...opened, drop: opened.close };
  }
  const { default: postgres } = await import("postgres");
  const name = `portico_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const opened = await openDb({ url: dbUrl.toString() });
  return {
    ...opened,
    drop: async () => {
      await opened.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Registers hooks giving the file its own migrated, seeded database; returns a getter. */
export function useTestDb(opts: { demo?: boolean } = {}): () => Db {
  let opened: Awaited<ReturnType<typeof createTestDb>> | undefined;
  beforeAll(async () => {
    opened = await createTestDb();
    await seed(opened.db, { demo: opts.demo ?? false });
    setDbForTests(opened);
  });
  afterAll(async () => {
    // Counts of the last second are still in memory: write them here, or the
    // meter's flush loop would find no test database and open the configured one.
    await flushUsage().catch((err) => console.warn(`useTestDb: final usage flush failed: ${describeError(err, { frames: false })}`));
    await flushIntegrationMetrics().catch((err) => console.warn(`useTestDb: final integration metrics flush failed: ${describeError(err, { frames: false })}`));
    if (opened) await flushListingStats(opened.db).catch((err) => console.warn(`useTestDb: final listing stats flush failed: ${describeError(err, { frames: false })}`));
    setDbForTests(undefined);
    await opened?.drop();
  });
  return () => {
    if (!opened) throw new Error("test database not open yet");
    return opened.db;
  };
}
