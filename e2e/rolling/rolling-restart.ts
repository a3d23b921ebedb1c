import { randomBytes, randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import path from "node:path";
import postgres from "postgres";
import { ensureBuild } from "@/lib/testing/ensure-build";
import { startApp, type StartedApp } from "@/lib/testing/start-app";
import { startWebhookReceiver, waitUntil } from "@/lib/testing/webhook-receiver";
import { api, signIn } from "../../bench/support/session";
import { startNginx, type Nginx } from "./nginx";

// npm run test:rolling — zero-loss rolling restarts. nginx in front of two
// production instances on one Postgres database, constant mixed load (GET /me,
// POST /events with an Idempotency-Key, POST /keys), and each instance restarted
// in turn (SIGTERM, wait for it to exit, start it again, wait until ready),
// ROLLING_ROUNDS times. Required: no failed request (no 5xx, no socket error),
// every acknowledged event delivered, every instance out within SHUTDOWN_TIMEOUT.
// ROLLING_SETTLE_SECONDS of steady load between restarts (CI: shorter).

const ROUNDS = Number(process.env.ROLLING_ROUNDS ?? 2);
const SETTLE_SECONDS = Number(process.env.ROLLING_SETTLE_SECONDS ?? 10);
const WORKERS = Number(process.env.ROLLING_WORKERS ?? 6);
const SHUTDOWN_TIMEOUT = 25;
const PG = process.env.ROLLING_POSTGRES_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const PORTS = { nginx: 3500, instances: [3501, 3502] };
const verbose = !!process.env.ROLLING_VERBOSE;

ensureBuild(process.env.ROLLING_BUILD === "1");

const log = (msg: string) => console.log(`[${(performance.now() / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dbName = `portico_rolling_${Date.now()}_${randomBytes(3).toString("hex")}`;
const admin = postgres(PG, { max: 1, onnotice: () => {} });
const dbUrl = new URL(PG);
dbUrl.pathname = `/${dbName}`;

const receiver = await startWebhookReceiver();
const lbUrl = `http://127.0.0.1:${PORTS.nginx}`;
// Both instances are one site: the same secrets, and the balancer's address as APP_URL (origin checks, links).
const env = {
  APP_URL: lbUrl,
  AUTH_SECRET: randomBytes(32).toString("base64"),
  APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  WEBHOOK_ALLOW_PRIVATE_URLS: "1",
  DEFAULT_RATE_LIMIT: "100000000",
  PREMIUM_RATE_LIMIT: "100000000",
  SHUTDOWN_TIMEOUT: String(SHUTDOWN_TIMEOUT),
  TRUST_PROXY: "1",
};
const start = (port: number) => startApp({ port, databaseUrl: dbUrl.toString(), env, stdio: verbose ? "inherit" : "ignore" });

const instances: StartedApp[] = [];
let nginx: Nginx | undefined;
let failed = true;
try {
  await admin.unsafe(`create database ${dbName}`);
  // One after the other: the first migrates and seeds, the second finds it done.
  for (const port of PORTS.instances) instances.push(await start(port));
  nginx = await startNginx({ port: PORTS.nginx, upstreams: PORTS.instances, dir: path.resolve(".data/rolling-nginx") });
  log(`nginx ${lbUrl} → instances on ${PORTS.instances.join(", ")} (Postgres database ${dbName})`);

  const cookie = await signIn(lbUrl, "partner@portico.test");
  const { id: keyId, key } = await api<{ id: string; key: string }>(lbUrl, cookie, "/keys", { name: "rolling", scopes: ["write:events", "read:*"] });
  await api(lbUrl, cookie, "/webhooks/endpoints", { url: `${receiver.base}/hook`, eventTypes: ["lead.*"] });

  // The load: WORKERS clients in a loop, each request in turn one of the three kinds, over kept-alive connections.
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS * 2 });
  type Result = { kind: string; status: number } | { kind: string; error: string };
  const send = (method: string, p: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(`${lbUrl}${p}`, { method, agent, headers: { ...headers, ...(body ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) } : {}) } }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on("error", reject);
      req.end(body);
    });
  const lead = { leadId: randomUUID(), source: "rolling", lineOfBusiness: "auto", contact: { name: "Rolling" }, createdAt: new Date().toISOString() };
  const acknowledged = new Set<string>();
  const results: Result[] = [];
  const expected: Record<string, number> = { me: 200, event: 202, key: 201 };
  let running = true;
  const worker = async (w: number) => {
    for (let i = 0; running; i++) {
      const kind = (["me", "event", "key"] as const)[(i + w) % 3];
      try {
        let r: { status: number; text: string };
        if (kind === "me") r = await send("GET", "/api/v1/me", { authorization: `Bearer ${key}` });
        else if (kind === "event") {
          r = await send("POST", "/api/v1/events", { authorization: `Bearer ${key}`, "idempotency-key": randomUUID() }, JSON.stringify({ type: "lead.created", data: lead }));
          if (r.status === 202) acknowledged.add((JSON.parse(r.text) as { id: string }).id);
        } else r = await send("POST", "/api/v1/keys", { cookie, origin: lbUrl, "idempotency-key": randomUUID() }, JSON.stringify({ name: `rolling ${w}-${i}`, scopes: ["read:*"] }));
        results.push({ kind, status: r.status });
        if (r.status !== expected[kind]) log(`  ${kind}: ${r.status} ${r.text.slice(0, 200)}`);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        results.push({ kind, error: e.code ?? e.message });
        log(`  ${kind}: socket error ${e.code ?? e.message}`);
      }
    }
  };
  const load = Array.from({ length: WORKERS }, (_, w) => worker(w));

  const exits: { port: number; ms: number; code: number | null }[] = [];
  await sleep(SETTLE_SECONDS * 1000);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, port] of PORTS.instances.entries()) {
      const before = results.length;
      const t0 = Date.now();
      const child = instances[i].child;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      await exited;
      exits.push({ port, ms: Date.now() - t0, code: child.exitCode });
      log(`round ${round}: instance :${port} exited ${child.exitCode} after ${Date.now() - t0} ms`);
      const t1 = Date.now();
      const mark = nginx!.logMark();
      instances[i] = await start(port);
      log(`round ${round}: instance :${port} ready again after ${Date.now() - t1} ms (${results.length - before} requests meanwhile)`);
      // The next instance stops only once nginx sends this one requests again (after its fail_timeout), as a rollout must wait for.
      const back = await waitUntil(() => nginx!.servedBy(port, mark), 30_000, 100);
      if (!back) throw new Error(`nginx sent no request to :${port} within 30 s of it being ready`);
      log(`round ${round}: nginx sends :${port} requests again ${Date.now() - t1} ms after its start`);
      await sleep(SETTLE_SECONDS * 1000);
    }
  }
  running = false;
  await Promise.all(load);
  agent.destroy();

  const delivered = () => new Set(receiver.to("/hook").map((r) => (JSON.parse(r.body) as { id: string }).id));
  await waitUntil(() => [...acknowledged].every((id) => delivered().has(id)), 120_000, 500);
  const got = delivered();
  const lost = [...acknowledged].filter((id) => !got.has(id));

  // Every call made with the key was counted, by whichever instance served it: the meters of the stopped ones flushed.
  const calledWithKey = results.filter((r) => r.kind !== "key" && "status" in r).length;
  let metered = -1;
  await waitUntil(async () => {
    metered = (await api<{ totals: { calls: number } }>(lbUrl, cookie, `/keys/${keyId}/usage`)).totals.calls;
    return metered >= calledWithKey;
  }, 10_000, 500);

  const bad = results.filter((r) => "error" in r || r.status !== expected[r.kind]);
  const byKind = (k: string) => results.filter((r) => r.kind === k).length;
  console.log(`\nrolling restart: ${ROUNDS} round(s) × ${PORTS.instances.length} instances, ${WORKERS} clients through nginx, Postgres`);
  console.log(`  requests ${results.length} (GET /me ${byKind("me")}, POST /events ${byKind("event")}, POST /keys ${byKind("key")})`);
  console.log(`  failed ${bad.length} (5xx ${bad.filter((r) => "status" in r && r.status >= 500).length}, socket errors ${bad.filter((r) => "error" in r).length}, other ${bad.filter((r) => "status" in r && r.status < 500).length})`);
  console.log(`  events acknowledged ${acknowledged.size}, delivered ${acknowledged.size - lost.length}, lost ${lost.length}`);
  console.log(`  calls with the key ${calledWithKey}, metered ${metered}`);
  console.log(`  exits: ${exits.map((e) => `:${e.port} ${e.ms} ms (code ${e.code})`).join(", ")}; SHUTDOWN_TIMEOUT ${SHUTDOWN_TIMEOUT} s`);
  const slow = exits.filter((e) => e.ms > SHUTDOWN_TIMEOUT * 1000 || e.code !== 0);
  failed = bad.length > 0 || lost.length > 0 || slow.length > 0 || results.length === 0 || metered !== calledWithKey;
  console.log(failed ? "FAILED" : "ok");
} finally {
  await nginx?.stop();
  await Promise.all(instances.map((a) => a.stop()));
  await receiver.close();
  await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
  await admin.end();
}
process.exit(failed ? 1 : 0);
