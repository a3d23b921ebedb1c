import { openDb } from "./index";
import { seed } from "./seed";
import { config } from "@/lib/config";

// `npm run db:seed`: demo data into the configured database (idempotent).
const c = config();
const opened = await openDb({ url: c.DATABASE_URL, pgliteDir: c.PGLITE_DIR });
await seed(opened.db, { demo: true });
await opened.close();
console.log(`Seeded ${opened.driver === "postgres" ? "Postgres" : `PGlite at ${c.PGLITE_DIR}`}: demo users (password portico-demo), Acme Insurtech and Northwind Rating with their apps, Sunrise Agency, 22 event types.`);
