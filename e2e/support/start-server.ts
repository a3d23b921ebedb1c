import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

// Starts `next start` for the e2e run on a fresh database with the demo data.
const port = process.env.E2E_PORT ?? "3210";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: "production",
  PORT: port,
  APP_URL: `http://localhost:${port}`,
  SEED_DEMO: "1",
  AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64"),
  APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
};

let dropDatabase: (() => Promise<void>) | undefined;
if (process.env.DATABASE_URL) {
  const name = `portico_e2e_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  console.log(`e2e: Postgres database ${name}`);
} else {
  const dir = path.resolve(".data", `e2e-${port}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  env.PGLITE_DIR = path.join(dir, "pglite");
  mkdirSync(dir, { recursive: true });
  console.log(`e2e: PGlite at ${env.PGLITE_DIR}`);
}

// Same process group as this script: Playwright signals the whole group, next-server included.
const child = spawn("npx", ["next", "start", "-p", port], { env, stdio: "inherit" });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await dropDatabase?.().catch(() => {});
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  if (!stopping) process.exit(code ?? 1);
});
