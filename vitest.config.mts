import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["{lib,db,app,inngest,components}/**/*.test.{ts,tsx}"],
    environment: "node",
    pool: "forks",
    // Each file opens its own database (PGlite in memory, or a fresh Postgres database).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test" },
  },
});
