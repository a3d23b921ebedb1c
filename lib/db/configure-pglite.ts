import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

/** Contrib extensions the migrations create (marketplace search); PGlite must load them at start. */
export const pgliteExtensions = { unaccent, pg_trgm, fuzzystrmatch };

/** Per-connection settings for PGlite, wherever it runs (this thread or the database thread). */
export async function configurePglite(pg: { exec: (sql: string) => Promise<unknown> }) {
  // PGlite's pages live in memory or the OS cache, where a random read costs
  // about what a sequential one does. With the default 4.0 (spinning disks) the
  // planner seq-scans webhook_deliveries to update a batch of 64 rows by id.
  await pg.exec("set random_page_cost = 1.1");
  // The default, made explicit: preparedStatement writes its values as literals where only '' is special.
  await pg.exec("set standard_conforming_strings = on");
}
