import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { SERVER_ENTRY, SERVER_ENV } from "./ensure-build";

// Starts the production build (`npm start`) on a fresh database: a new PGlite
// folder, or a new database on the Postgres server at `postgresUrl`. Used by the
// e2e web server and the benchmarks.

export type StartedApp = {
  url: string;
  database: string;
  stop: () => Promise<void>;
  /** Kills the whole server process group at once (SIGKILL: a crash), keeping the database. */
  crash: () => Promise<void>;
  child: ChildProcess;
  /** Where the PGlite data lives, to start the app again on the same database. */
  pgliteDir?: string;
  /** The Postgres database made for it, likewise (see `databaseUrl` below). */
  databaseUrl?: string;
};

export async function startApp(opts: {
  port: number;
  postgresUrl?: string;
  env?: Record<string, string>;
  stdio?: "inherit" | "ignore";
  waitForReady?: boolean;
  /** Reuse this PGlite folder as it is (a restart after a crash) instead of a fresh one. */
  pgliteDir?: string;
  /** Reuse this Postgres database as it is (a restart after a crash); whoever made it drops it. */
  databaseUrl?: string;
  /** Run in its own process group, so stop() and crash() reach any process the server starts. */
  detached?: boolean;
}): Promise<StartedApp> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...SERVER_ENV,
    NODE_ENV: "production",
    PORT: String(opts.port),
    APP_URL: `http://localhost:${opts.port}`,
    SEED_DEMO: "1",
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64"),
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    ...opts.env,
  };
  delete env.DATABASE_URL;
  let cleanup: () => Promise<void>;
  let database: string;
  if (opts.databaseUrl) {
    env.DATABASE_URL = opts.databaseUrl;
    database = `Postgres database ${new URL(opts.databaseUrl).pathname.slice(1)} (reused)`;
    cleanup = async () => {};
  } else if (opts.postgresUrl) {
    const name = `portico_app_${Date.now()}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(opts.postgresUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(opts.postgresUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    database = `Postgres database ${name}`;
    cleanup = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await admin.end();
    };
  } else if (opts.pgliteDir) {
    env.PGLITE_DIR = opts.pgliteDir;
    database = `PGlite at ${opts.pgliteDir} (reused)`;
    cleanup = async () => {};
  } else {
    const dir = path.resolve(".data", `app-${opts.port}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    env.PGLITE_DIR = path.join(dir, "pglite");
    database = `PGlite at ${env.PGLITE_DIR}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // `npm start`: the server entry (lib/server/main.ts) built by `npm run build`.
  const child = spawn(process.execPath, [path.resolve(SERVER_ENTRY)], {
    env,
    stdio: opts.stdio ?? "inherit",
    detached: opts.detached ?? false,
  });
  const url = `http://localhost:${opts.port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      if (opts.detached) {
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {}
      } else child.kill("SIGTERM");
      // A graceful stop closes idle connections after 5 s (lib/server/http-drain.ts); SHUTDOWN_TIMEOUT bounds the rest.
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await cleanup();
  };
  const crash = async () => {
    if (child.exitCode !== null) return;
    try {
      process.kill(opts.detached ? -child.pid! : child.pid!, "SIGKILL");
    } catch {}
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  };
  if (opts.waitForReady !== false) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      try {
        const res = await fetch(`${url}/api/health`);
        if (res.ok) break;
      } catch {}
      if (Date.now() > deadline) {
        await stop();
        throw new Error("the app did not become healthy within 120 s");
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { url, database, stop, crash, child, pgliteDir: env.PGLITE_DIR, databaseUrl: env.DATABASE_URL };
}
