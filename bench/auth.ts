import { ensureBuild } from "@/lib/testing/ensure-build";
import { startApp } from "@/lib/testing/start-app";
import { fmt, load, type LoadResult } from "./support/load";
import { sampleRss, treeRssMiB } from "./support/process-rss";
import { api, signIn } from "./support/session";

// npm run bench:auth — the cost of authentication + rate limiting + metering.
// For each database: GET /api/ping (the floor: no auth, no db) vs GET /api/v1/me
// with a valid API key, autocannon at 50 connections, measured back to back in
// one run so machine noise hits both. Then 200 req/s for 60 s and a check that
// the usage counter equals the 2xx responses autocannon saw.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const EXACT_SECONDS = Number(process.env.BENCH_EXACT_SECONDS ?? 60);
const PG = process.env.BENCH_POSTGRES_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORT = 3400;

ensureBuild(process.env.BENCH_BUILD === "1");

function row(name: string, r: LoadResult) {
  return `  ${name.padEnd(26)} ${fmt(r.rps, 0).padStart(8)} req/s   p50 ${fmt(r.p50).padStart(6)} ms   p99 ${fmt(r.p99).padStart(6)} ms   2xx ${r.ok}  non-2xx ${r.non2xx}  errors ${r.errors}`;
}

const verdicts: string[] = [];

async function run(label: string, postgresUrl?: string) {
  // The limiter runs on every call; the limit is set high so the benchmark measures its cost, not its refusals.
  const app = await startApp({ port: PORT, postgresUrl, stdio: "ignore", env: { DEFAULT_RATE_LIMIT: "100000000", PREMIUM_RATE_LIMIT: "100000000" } });
  try {
    const idleRss = treeRssMiB(app.child.pid!);
    const rss = sampleRss(app.child.pid!);
    const cookie = await signIn(app.url, "partner@portico.test");
    const created = await api<{ id: string; key: string }>(app.url, cookie, "/keys", { name: "bench", scopes: ["read:*"] });
    const auth = { authorization: `Bearer ${created.key}` };

    // Warm-up: JIT, connection pools, the key cache.
    await load({ url: `${app.url}/api/ping`, connections: 10, seconds: 2 });
    await load({ url: `${app.url}/api/v1/me`, headers: auth, connections: 10, seconds: 2 });

    const floor = await load({ url: `${app.url}/api/ping`, connections: 50, seconds: SECONDS });
    const authed = await load({ url: `${app.url}/api/v1/me`, headers: auth, connections: 50, seconds: SECONDS });
    const throughput = authed.rps / floor.rps;
    const tail = authed.p99 / floor.p99;
    console.log(`\n${label} (${app.database})`);
    console.log(row("GET /api/ping (floor)", floor));
    console.log(row("GET /api/v1/me (API key)", authed));
    console.log(`  throughput ratio ${fmt(throughput, 2)} (target ≥ 0.80)   p99 ratio ${fmt(tail, 2)} (target ≤ 2.00)`);
    verdicts.push(`${label}: throughput ${fmt(throughput, 2)} ${throughput >= 0.8 ? "ok" : "BELOW TARGET"}, p99 ${fmt(tail, 2)} ${tail <= 2 ? "ok" : "ABOVE TARGET"}`);

    // Exactness: a fresh key so its counter starts at zero.
    const exact = await api<{ id: string; key: string }>(app.url, cookie, "/keys", { name: "bench-exact", scopes: ["read:*"] });
    const steady = await load({ url: `${app.url}/api/v1/me`, headers: { authorization: `Bearer ${exact.key}` }, connections: 10, seconds: EXACT_SECONDS, rate: 200, exact: true });
    await new Promise((r) => setTimeout(r, 2500)); // two flush intervals
    const usage = await api<{ totals: { calls: number } }>(app.url, cookie, `/keys/${exact.id}/usage`);
    const same = usage.totals.calls === steady.ok && steady.non2xx === 0;
    console.log(row(`200 req/s × ${EXACT_SECONDS} s`, steady));
    console.log(`  usage counter ${usage.totals.calls} vs 2xx seen ${steady.ok}: ${same ? "exact" : "MISMATCH"}`);
    verdicts.push(`${label}: usage counts ${same ? "exact" : "MISMATCH"} (${usage.totals.calls}/${steady.ok})`);
    const { peakMiB, lastMiB } = rss.stop();
    console.log(`  server RSS: ${idleRss.toFixed(0)} MiB idle after start, peak ${peakMiB.toFixed(0)} MiB under load (target ≤ 600), ${lastMiB.toFixed(0)} MiB at the end`);
    verdicts.push(`${label}: RSS peak ${peakMiB.toFixed(0)} MiB ${peakMiB <= 600 ? "ok" : "ABOVE TARGET"}`);
  } finally {
    await app.stop();
  }
}

await run("embedded PGlite");
let pgReachable = true;
try {
  const { default: postgres } = await import("postgres");
  const sql = postgres(PG, { max: 1, connect_timeout: 3 });
  await sql`select 1`;
  await sql.end();
} catch {
  pgReachable = false;
  console.log(`\nPostgres at ${PG} is not reachable: skipped.`);
}
if (pgReachable) await run("Postgres", PG);
console.log(`\nsummary:\n  ${verdicts.join("\n  ")}`);
process.exit(verdicts.some((v) => /BELOW|ABOVE|MISMATCH/.test(v)) ? 1 : 0);
