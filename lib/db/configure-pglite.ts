import { fuzzystrmatch } from "@electric-sql/pglite/contrib/fuzzystrmatch";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

/** Contrib extensions the migrations create (marketplace search); PGlite must load them at start. */
export const pgliteExtensions = { unaccent, pg_trgm, fuzzystrmatch };

/**
 * Server settings PGlite starts with, appended to PGlite.defaultStartParams
 * (`startParams` replaces those, so callers pass both):
 * `{ startParams: [...PGlite.defaultStartParams, ...pgliteStartSettings] }`.
 *
 * Postgres's defaults size a server that owns a machine; PGlite is one
 * connection inside the web server's process, and its WebAssembly memory never
 * shrinks: whatever Postgres touches once stays resident.
 */
export const pgliteStartSettings = [
  // The default 128MB is allocated and touched at start: 120 MiB of resident
  // memory before the first query. The data files sit in the OS cache (or in
  // memory for memory://), so a buffer miss costs a copy, not a disk read.
  "-c",
  "shared_buffers=16MB",
  // VACUUM's dead-tuple store and CREATE INDEX's sort grow up to this and the
  // memory stays with the WebAssembly instance afterwards; a larger job takes more passes.
  "-c",
  "maintenance_work_mem=16MB",
];

/** Per-connection settings for PGlite, wherever it runs (this thread or the database thread). */
export async function configurePglite(pg: { exec: (sql: string) => Promise<unknown> }) {
  // PGlite's pages live in memory or the OS cache, where a random read costs
  // about what a sequential one does. With the default 4.0 (spinning disks) the
  // planner seq-scans webhook_deliveries to update a batch of 64 rows by id.
  await pg.exec("set random_page_cost = 1.1");
  // The default, made explicit: preparedStatement writes its values as literals where only '' is special.
  await pg.exec("set standard_conforming_strings = on");
}
