import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureBuild } from "@/lib/testing/ensure-build";
import { startApp } from "@/lib/testing/start-app";
import { fmt, load } from "./support/load";
import { api, signIn } from "./support/session";

// npm run bench:memory — the production server's resident memory (`npm start`,
// one process: Next, the PGlite thread, the webhook sender thread). For each
// database: right after ready, after idling, during and after a short load
// (API-key calls and signed-in page loads), after idling again. The targets
// are for the idle server; the load phase is reported against the auth
// bench's 600 MiB. PGlite is measured twice: on a new folder (the first
// start, which runs initdb) and started again on that folder (every later start).

const PG = process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORT = 3480;
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const TARGET_IDLE = { pglite: 400, postgres: 250 } as const;
const TARGET_LOAD = 600;
// Pages a signed-in partner opens: each renders server components that read the database.
const PAGES = ["/dashboard", "/keys", "/apps", "/webhooks", "/usage", "/marketplace"];

ensureBuild(process.env.BENCH_BUILD === "1");

type Mem = { rss: number; hwm: number; anon: number; file: number; threads: number };

/** VmRSS, VmHWM (the peak since start) and the anonymous / file-backed split, in MiB, of one process. */
function memOf(pid: number): Mem {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (text: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? 0) / 1024;
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const rss = kib(status, "VmRSS");
  const anon = kib(rollup, "Anonymous");
  return { rss, hwm: kib(status, "VmHWM"), anon, file: rss - anon, threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0) };
}

const line = (phase: string, m: Mem) =>
  `  ${phase.padEnd(30)} RSS ${fmt(m.rss, 0).padStart(5)} MiB   peak ${fmt(m.hwm, 0).padStart(5)} MiB   anonymous ${fmt(m.anon, 0).padStart(5)}   file ${fmt(m.file, 0).padStart(4)}   threads ${m.threads}`;

const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

/** Page loads as a browser would ask for them, one after another, until `until`. */
async function browse(url: string, cookie: string, until: number): Promise<{ ok: number; failed: string[] }> {
  let ok = 0;
  const failed: string[] = [];
  for (let i = 0; Date.now() < until; i++) {
    const page = PAGES[i % PAGES.length];
    const res = await fetch(`${url}${page}`, { headers: { cookie }, redirect: "manual" }).catch((err: Error) => err);
    if (res instanceof Response) await res.arrayBuffer();
    if (res instanceof Response && res.ok) ok++;
    else failed.push(`${page} ${res instanceof Response ? res.status : res.message}`);
  }
  return { ok, failed };
}

const verdicts: string[] = [];

async function run(kind: "pglite" | "postgres", label: string, opts: { pgliteDir?: string; withLoad: boolean }) {
  const app = await startApp({
    port: PORT,
    postgresUrl: kind === "postgres" ? PG : undefined,
    pgliteDir: opts.pgliteDir,
    stdio: process.env.BENCH_VERBOSE ? "inherit" : "ignore",
    // As in bench:auth: the limit is set high so the load exercises the server, not its refusals.
    env: { DEFAULT_RATE_LIMIT: "100000000", PREMIUM_RATE_LIMIT: "100000000" },
  });
  const pid = app.child.pid!;
  try {
    console.log(`\n${label} (${app.database})`);
    const ready = memOf(pid);
    console.log(line("ready", ready));
    await sleep(IDLE_SECONDS);
    const idle = memOf(pid);
    console.log(line(`idle ${IDLE_SECONDS} s`, idle));
    const target = TARGET_IDLE[kind];
    verdicts.push(`${label}: idle ${fmt(idle.rss, 0)} MiB ${idle.rss <= target ? "ok" : "ABOVE TARGET"} (≤ ${target}), peak during start ${fmt(ready.hwm, 0)} MiB`);
    if (!opts.withLoad) return;

    const cookie = await signIn(app.url, "partner@portico.test");
    const created = await api<{ key: string }>(app.url, cookie, "/keys", { name: "bench-memory", scopes: ["read:*"] });
    let loadPeak = 0;
    const sampler = setInterval(() => (loadPeak = Math.max(loadPeak, memOf(pid).rss)), 250);
    const until = Date.now() + LOAD_SECONDS * 1000;
    const [calls, pages] = await Promise.all([
      load({ url: `${app.url}/api/v1/me`, headers: { authorization: `Bearer ${created.key}` }, connections: 20, seconds: LOAD_SECONDS }),
      Promise.all([browse(app.url, cookie, until), browse(app.url, cookie, until)]),
    ]);
    clearInterval(sampler);
    const loaded = memOf(pid);
    loadPeak = Math.max(loadPeak, loaded.rss);
    const pageOk = pages.reduce((s, p) => s + p.ok, 0);
    const pageFailed = pages.flatMap((p) => p.failed);
    console.log(
      `  load: ${LOAD_SECONDS} s of GET /api/v1/me (${fmt(calls.rps, 0)} req/s, ${calls.ok} 2xx, ${calls.non2xx + calls.errors} other) + ${pageOk} page loads (${pageFailed.length} not 2xx${pageFailed.length ? `: ${[...new Set(pageFailed)].slice(0, 5).join(", ")}` : ""})`,
    );
    console.log(line("after load", loaded));
    await sleep(IDLE_SECONDS);
    const after = memOf(pid);
    console.log(line(`idle ${IDLE_SECONDS} s after load`, after));

    verdicts.push(`${label}: under load ${fmt(loadPeak, 0)} MiB ${loadPeak <= TARGET_LOAD ? "ok" : "ABOVE TARGET"} (≤ ${TARGET_LOAD}), idle after it ${fmt(after.rss, 0)} MiB`);
    if (calls.ok === 0 || pageOk === 0) verdicts.push(`${label}: the load phase FAILED (${calls.ok} API calls, ${pageOk} pages answered)`);
  } finally {
    await app.stop();
  }
}

// A folder of our own (startApp keeps a folder it is given), so the second start finds the first one's database.
const pgliteDir = path.resolve(".data", `memory-${PORT}`, "pglite");
rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
try {
  await run("pglite", "embedded PGlite, new folder", { pgliteDir, withLoad: true });
  await run("pglite", "embedded PGlite, started again on its folder", { pgliteDir, withLoad: false });
} finally {
  rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
}
let pgReachable = true;
try {
  const { default: postgres } = await import("postgres");
  const sql = postgres(PG, { max: 1, connect_timeout: 3, onnotice: () => {} });
  await sql`select 1`;
  await sql.end();
} catch {
  pgReachable = false;
  console.log(`\nPostgres at ${PG} is not reachable: skipped.`);
}
if (pgReachable) await run("postgres", "Postgres", { withLoad: true });
console.log(`\nsummary:\n  ${verdicts.join("\n  ")}`);
process.exit(verdicts.some((v) => /ABOVE|FAILED/.test(v)) ? 1 : 0);
