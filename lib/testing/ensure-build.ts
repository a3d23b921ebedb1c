import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

/** The production server (`npm start`): Next's build plus the server entry (lib/server/main.ts). */
export const SERVER_ENTRY = ".next/portico-server.mjs";
/**
 * What `npm start` sets in the environment before Node starts (package.json):
 * glibc's malloc keeps memory V8 freed in up to 8 arenas per core; two keep
 * ~60 MiB less resident on PGlite (bench:memory).
 */
export const SERVER_ENV = { MALLOC_ARENA_MAX: "2" };

/** Builds once for the benches and the chaos/rolling tests: when no build is there, or when `force` (their *_BUILD=1). */
export function ensureBuild(force = false): void {
  if (force || !existsSync(".next/BUILD_ID") || !existsSync(SERVER_ENTRY)) execSync("npm run build", { stdio: "inherit" });
}
