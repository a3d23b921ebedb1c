import { execSync, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { ensureBuild } from "@/lib/testing/ensure-build";
import { startApp } from "@/lib/testing/start-app";
import { treeRssMiB } from "./support/process-rss";
import { api, signIn } from "./support/session";

// npm run bench:connections — 10,000 clients, each with its own keep-alive
// connection (the script raises the fd limit; the server inherits it).
//  1. under capacity: the clients connect over RAMP_SECONDS, then each sends
//     GET /api/v1/me every BENCH_INTERVAL_SECONDS (30): every request 2xx, no error, no timeout;
//  2. over capacity: every client sends back to back for OVER_SECONDS: every
//     request answered (2xx, 429 or 503), no timeout, no reset;
//  3. the same with a key limited to 60 requests a minute (429s).
// Baseline in the same run: the same clients against a plain Node HTTP server
// answering `{}` in its own process (what the machine and this client can do at all). Prints the
// server's RSS after each phase.

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10_000);
const RAMP_SECONDS = Number(process.env.BENCH_RAMP_SECONDS ?? 60);
/**
 * Under capacity, each client sends one request per this many seconds: 45 s is ~220 req/s for
 * 10,000 clients, under what one server does on 2 cores shared with this client (`/me` on PGlite
 * ~275–600 req/s); 30 s (333 req/s) was at capacity with CI running beside it. Below the
 * server's 65 s keep-alive, so no client reuses a connection the server is closing.
 */
const INTERVAL_SECONDS = Number(process.env.BENCH_INTERVAL_SECONDS ?? 45);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 30);
const OVER_SECONDS = Number(process.env.BENCH_OVER_SECONDS ?? 15);
const TIMEOUT_MS = 10_000; // autocannon's default: a client gives up after 10 s
const PORT = 3420;

const softLimit = Number(execSync("sh -c 'ulimit -n'").toString().trim());
if (softLimit < CLIENTS + 500) {
  console.error(`open-file limit ${softLimit} is below ${CLIENTS} connections + 500: run through \`npm run bench:connections\`, which raises it`);
  process.exit(1);
}
ensureBuild(process.env.BENCH_BUILD === "1");

type Tally = { sent: number; byStatus: Map<number, number>; errors: Map<string, number>; timeouts: number; latencies: number[] };
const newTally = (): Tally => ({ sent: 0, byStatus: new Map(), errors: new Map(), timeouts: 0, latencies: [] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One client: its own agent, so its own single kept-alive connection. */
class Client {
  private agent = new Agent({ keepAlive: true, maxSockets: 1, maxFreeSockets: 1 });
  constructor(
    private base: string,
    private path: string,
    private headers: Record<string, string>,
  ) {}
  get(tally: Tally): Promise<void> {
    tally.sent++;
    const t0 = performance.now();
    return new Promise((resolve) => {
      const req = request(`${this.base}${this.path}`, { agent: this.agent, headers: this.headers }, (res) => {
        res.resume();
        res.on("end", () => {
          tally.byStatus.set(res.statusCode ?? 0, (tally.byStatus.get(res.statusCode ?? 0) ?? 0) + 1);
          tally.latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.setTimeout(TIMEOUT_MS, () => {
        tally.timeouts++;
        req.destroy(new Error("timeout"));
      });
      req.on("error", (err: NodeJS.ErrnoException) => {
        if (err.message !== "timeout") tally.errors.set(err.code ?? err.message, (tally.errors.get(err.code ?? err.message) ?? 0) + 1);
        resolve();
      });
      req.end();
    });
  }
  setHeaders(h: Record<string, string>) {
    this.headers = h;
  }
  close() {
    this.agent.destroy();
  }
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
function describe(name: string, t: Tally, seconds: number, rssMiB: number) {
  const answered = [...t.byStatus.values()].reduce((a, b) => a + b, 0);
  const statuses = [...t.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(" ");
  const errors = [...t.errors].map(([c, n]) => `${c}×${n}`).join(" ") || "0";
  console.log(
    `  ${name.padEnd(34)} sent ${String(t.sent).padStart(7)}  answered ${String(answered).padStart(7)} (${(answered / seconds).toFixed(0)}/s)  ${statuses}  timeouts ${t.timeouts}  errors ${errors}  p50 ${pct(t.latencies, 50).toFixed(0)} ms p99 ${pct(t.latencies, 99).toFixed(0)} ms  RSS ${rssMiB.toFixed(0)} MiB`,
  );
  return { answered, rate: answered / seconds };
}

/** Runs the three phases against `base`; answers the tallies. */
async function run(label: string, base: string, headers: Record<string, string>, limitedHeaders: Record<string, string>, rss: () => number) {
  console.log(`\n${label}`);
  const clients = Array.from({ length: CLIENTS }, () => new Client(base, "/api/v1/me", headers));
  // 1. Under capacity: connect over the ramp (one request each), then one request per client every 30 s.
  const under = newTally();
  const t0 = performance.now();
  const every = INTERVAL_SECONDS * 1000;
  const steadyEnd = t0 + RAMP_SECONDS * 1000 + STEADY_SECONDS * 1000;
  await Promise.all(
    clients.map(async (c, i) => {
      await sleep((i / CLIENTS) * RAMP_SECONDS * 1000);
      for (let next = performance.now(); next < steadyEnd; next += every) {
        await sleep(next - performance.now());
        await c.get(under);
      }
    }),
  );
  const underSeconds = (performance.now() - t0) / 1000;
  const u = describe(`under capacity (${CLIENTS} conns)`, under, underSeconds, rss());
  // 2. Over capacity: every client back to back.
  const over = newTally();
  const t1 = performance.now();
  const overEnd = t1 + OVER_SECONDS * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < overEnd) await c.get(over);
    }),
  );
  const o = describe(`over capacity (back to back)`, over, (performance.now() - t1) / 1000, rss());
  // 3. Over capacity with a key limited to 60/min.
  const limited = newTally();
  for (const c of clients) c.setHeaders(limitedHeaders);
  const t2 = performance.now();
  const limitedEnd = t2 + (OVER_SECONDS * 1000) / 2;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < limitedEnd) await c.get(limited);
    }),
  );
  const l = describe(`over capacity, key at 60/min`, limited, (performance.now() - t2) / 1000, rss());
  const rssWithConnections = rss();
  for (const c of clients) c.close();
  return { under, over, limited, u, o, l, rssWithConnections };
}

// Baseline: a plain Node server in a process of its own (as Portico's is), same clients.
const plainCode = `
const http = require("node:http");
const server = http.createServer((req, res) => { res.writeHead(200, { "content-type": "application/json" }); res.end("{}"); });
server.keepAliveTimeout = 65000;
server.listen({ port: 0, host: "127.0.0.1", backlog: 65535 }, () => console.log(server.address().port));
`;
const plain = spawn(process.execPath, ["-e", plainCode], { stdio: ["ignore", "pipe", "inherit"] });
const plainPort = await new Promise<number>((resolve) => plain.stdout.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))));
const baseline = await run("baseline: plain Node HTTP server answering {}", `http://127.0.0.1:${plainPort}`, {}, {}, () => treeRssMiB(plain.pid!));
plain.kill();

const app = await startApp({ port: PORT, postgresUrl: process.env.BENCH_POSTGRES_URL, stdio: "ignore", env: { DEFAULT_RATE_LIMIT: "100000000", PREMIUM_RATE_LIMIT: "100000000" } });
let failed = true;
try {
  const cookie = await signIn(app.url, "partner@portico.test");
  const key = (await api<{ key: string }>(app.url, cookie, "/keys", { name: "bench-connections", scopes: ["read:*"] })).key;
  const limitedKey = (await api<{ key: string }>(app.url, cookie, "/keys", { name: "bench-connections-60", scopes: ["read:*"], ratelimitPerMinute: 60 })).key;
  const idleRss = treeRssMiB(app.child.pid!);
  const portico = await run(
    `Portico (${app.database}; idle RSS ${idleRss.toFixed(0)} MiB)`,
    app.url.replace("localhost", "127.0.0.1"),
    { authorization: `Bearer ${key}` },
    { authorization: `Bearer ${limitedKey}` },
    () => treeRssMiB(app.child.pid!),
  );

  const errorsOf = (t: Tally) => [...t.errors.values()].reduce((a, b) => a + b, 0);
  const non = (t: Tally, ok: number[]) => [...t.byStatus].filter(([s]) => !ok.includes(s)).reduce((a, [, n]) => a + n, 0);
  const underOk = errorsOf(portico.under) === 0 && portico.under.timeouts === 0 && non(portico.under, [200]) === 0;
  const overOk = [portico.over, portico.limited].every((t) => errorsOf(t) === 0 && t.timeouts === 0 && non(t, [200, 429, 503]) === 0);
  console.log(`\nsummary (${CLIENTS} connections)`);
  console.log(`  under capacity: ${underOk ? "ok" : "FAILED"} (all 200, 0 errors, 0 timeouts)`);
  console.log(`  over capacity:  ${overOk ? "ok" : "FAILED"} (every request 200, 429 or 503; 0 errors, 0 timeouts, 0 resets)`);
  console.log(`  answered/s over capacity: Portico ${portico.o.rate.toFixed(0)} vs plain Node ${baseline.o.rate.toFixed(0)} → ratio ${(portico.o.rate / baseline.o.rate).toFixed(3)}`);
  console.log(`  server RSS: idle ${idleRss.toFixed(0)} MiB, with ${CLIENTS} connections open after the phases ${portico.rssWithConnections.toFixed(0)} MiB (plain Node ${baseline.rssWithConnections.toFixed(0)} MiB)`);
  failed = !underOk || !overOk;
} finally {
  await app.stop();
}
process.exit(failed ? 1 : 0);
