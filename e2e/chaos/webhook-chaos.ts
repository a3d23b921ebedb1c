import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { ensureBuild } from "@/lib/testing/ensure-build";
import { startApp, type StartedApp } from "@/lib/testing/start-app";

// npm run test:chaos — webhooks survive flaky receivers and a server crash.
// EVENTS events × 10 endpoints whose receiver fails 30% of requests at random
// and hangs past the timeout on 5%; the server is SIGKILLed mid-run and started
// again on the same database. Every delivery must end `succeeded`, each
// receiver must have seen every webhook-id with a valid signature, no delivery
// may exceed the attempt limit, and an always-failing receiver must end `dead`
// after exactly WEBHOOK_MAX_RETRIES attempts. CI runs it with CHAOS_EVENTS=200,
// on PGlite and (CHAOS_POSTGRES_URL=postgres://…, a fresh database made there)
// on Postgres: there the restarted server cannot know the old one is gone and
// takes its claims once its heartbeat is a lease old (runner-leases.ts).

const EVENTS = Number(process.env.CHAOS_EVENTS ?? 2000);
const ENDPOINTS = 10;
const MAX_ATTEMPTS = 15; // 0.35^15 ≈ 1.5e-7: a flaky-but-alive receiver essentially never exhausts it
const TIMEOUT_MS = 1000;
const PORT = 3420;
const DEADLINE_MS = Number(process.env.CHAOS_DEADLINE_MS ?? 15 * 60_000);
const POSTGRES_URL = process.env.CHAOS_POSTGRES_URL;

// Fixed secrets: the restarted server must read what the first one sealed.
const env = {
  AUTH_SECRET: randomBytes(32).toString("base64"),
  APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  WEBHOOK_ALLOW_PRIVATE_URLS: "1",
  WEBHOOK_RETRY_DELAYS: "0,1",
  WEBHOOK_MAX_RETRIES: String(MAX_ATTEMPTS),
  WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
  DEFAULT_RATE_LIMIT: "100000000",
};

ensureBuild(process.env.CHAOS_BUILD === "1");

// --- the receivers -----------------------------------------------------------
const secrets = new Map<string, Webhook>(); // path → verifier
const seen = new Map<string, Set<string>>(); // path → webhook-ids answered 2xx
let requests = 0;
let badSignatures = 0;
let alwaysFailHits = 0;
const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    requests++;
    const path = req.url ?? "";
    const headers = { "webhook-id": String(req.headers["webhook-id"]), "webhook-timestamp": String(req.headers["webhook-timestamp"]), "webhook-signature": String(req.headers["webhook-signature"]) };
    const verifier = secrets.get(path);
    try {
      verifier?.verify(body, headers);
    } catch {
      badSignatures++;
    }
    if (path === "/always-fails") {
      alwaysFailHits++;
      res.statusCode = 500;
      return res.end();
    }
    const roll = Math.random();
    if (roll < 0.05) {
      setTimeout(() => {
        res.statusCode = 200; // too late: the sender has given up
        res.end();
      }, TIMEOUT_MS + 500);
      return;
    }
    if (roll < 0.35) {
      res.statusCode = 500;
      return res.end();
    }
    if (!seen.has(path)) seen.set(path, new Set());
    seen.get(path)!.add(headers["webhook-id"]);
    res.statusCode = 200;
    res.end();
  });
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// --- helpers -------------------------------------------------------------------
async function call<T = any>(app: StartedApp, auth: Record<string, string>, path: string, body?: unknown): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      const res = await fetch(`${app.url}/api/v1${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { ...auth, "content-type": "application/json", origin: app.url },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 500 || res.status === 429) throw new Error(`${path}: ${res.status}`);
      if (!res.ok) throw Object.assign(new Error(`${path}: ${res.status} ${await res.text()}`), { fatal: true });
      return (await res.json()) as T;
    } catch (err) {
      if ((err as { fatal?: boolean }).fatal || i >= 20) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function sessionCookie(app: StartedApp, email: string) {
  const csrfRes = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password: "portico-demo" }),
  });
  return [...jar, ...res.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

// --- the run -------------------------------------------------------------------
const first = await startApp({ port: PORT, stdio: process.env.CHAOS_VERBOSE ? "inherit" : "ignore", env, detached: true, postgresUrl: POSTGRES_URL });
let app = first;
console.log(`chaos: on ${app.database}`);
const started = Date.now();
let crashedAt = 0;
let crashed = false;
try {
  const cookie = { cookie: await sessionCookie(app, "partner@portico.test") };
  const key = (await call<{ key: string }>(app, cookie, "/keys", { name: "chaos", scopes: ["write:events", "read:*", "write:webhooks"] })).key;
  const auth = { authorization: `Bearer ${key}` };
  for (let i = 0; i < ENDPOINTS; i++) {
    const e = await call<{ id: string; secret: string }>(app, auth, "/webhooks/endpoints", { url: `${receiverUrl}/e/${i}`, eventTypes: ["lead.*"] });
    secrets.set(`/e/${i}`, new Webhook(e.secret));
  }
  const dead = await call<{ id: string; secret: string }>(app, auth, "/webhooks/endpoints", { url: `${receiverUrl}/always-fails`, eventTypes: ["policy.cancelled"] });
  secrets.set("/always-fails", new Webhook(dead.secret));

  const lead = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "chaos", lineOfBusiness: "auto", contact: { name: "C" }, createdAt: new Date().toISOString() };
  const policy = { policyId: "5d1e2c3b-4a59-4f6e-8d7c-1b2a3c4d5e6f", policyNumber: "P-1", lineOfBusiness: "auto", carrier: "X", premiumCents: 1, currency: "USD", effectiveDate: "2026-12-01", expirationDate: "2027-12-01", reason: "chaos", cancelledAt: new Date().toISOString() };
  for (let i = 0; i < 3; i++) await call(app, auth, "/events", { type: "policy.cancelled", data: policy });

  // Publish with a few workers; crash the server once a third of the events are in.
  let published = 0;
  const eventIds = new Set<string>(); // distinct events the API acknowledged: EVENTS unless a key was reused
  const crashAt = Math.floor(EVENTS / 3);
  const workers = Array.from({ length: 8 }, async () => {
    while (published < EVENTS) {
      // Take the number before any await: the crashing worker waits out the
      // restart while the others move on, and must still publish its own event.
      const n = ++published;
      if (n === crashAt && !crashed) {
        crashed = true;
        console.log(`chaos: SIGKILL the server after ${n} events, ${requests} receiver hits`);
        await app.crash();
        crashedAt = Date.now();
        app = await startApp({ port: PORT, stdio: process.env.CHAOS_VERBOSE ? "inherit" : "ignore", env, detached: true, pgliteDir: app.pgliteDir, databaseUrl: app.databaseUrl });
        console.log("chaos: server restarted on the same database");
      }
      // Idempotency-Key: a publish whose answer was lost in the crash is sent again without duplicating the event.
      const k = `chaos-${n}`;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 240) throw new Error(`publish ${k} kept failing for a minute`);
        try {
          const res = await fetch(`${app.url}/api/v1/events`, {
            method: "POST",
            headers: { ...auth, "content-type": "application/json", "idempotency-key": k },
            body: JSON.stringify({ type: "lead.created", data: lead }),
          });
          if (res.status === 202) {
            eventIds.add(((await res.json()) as { id: string }).id);
            break;
          }
          if (res.status < 500 && res.status !== 409 && res.status !== 429) throw Object.assign(new Error(`publish ${res.status} ${await res.text()}`), { fatal: true });
        } catch (err) {
          // A claim orphaned by the crash frees after 30 s; keep trying up to a minute.
          if ((err as { fatal?: boolean }).fatal) throw err;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  });
  await Promise.all(workers);
  console.log(`chaos: ${eventIds.size} distinct events published (of ${EVENTS}); waiting for deliveries to settle`);

  const expected = EVENTS * ENDPOINTS;
  let stats: { byStatus: Record<string, number> } = { byStatus: {} };
  let settledAt = 0;
  while (Date.now() - started < DEADLINE_MS) {
    stats = await call(app, auth, "/webhooks/stats");
    const { pending = 0, failed = 0, succeeded = 0, dead: deadCount = 0 } = stats.byStatus;
    if (pending + failed === 0 && succeeded + deadCount >= eventIds.size * ENDPOINTS + 3) {
      settledAt = Date.now();
      break;
    }
    if (process.env.CHAOS_VERBOSE) console.log("chaos: waiting", JSON.stringify(stats.byStatus));
    await new Promise((r) => setTimeout(r, 2000));
  }

  // Attempts per delivery, from the API (the log a partner sees).
  let maxAttempts = 0;
  let deadAttempts: number[] = [];
  let cursor: string | null = null;
  let listed = 0;
  do {
    const page: { data: { attempts: number; status: string; endpointId: string }[]; nextCursor: string | null } = await call(app, auth, `/webhooks/deliveries?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    for (const d of page.data) {
      listed++;
      maxAttempts = Math.max(maxAttempts, d.attempts);
      if (d.endpointId === dead.id) deadAttempts.push(d.status === "dead" ? d.attempts : -1);
    }
    cursor = page.nextCursor;
  } while (cursor);
  deadAttempts = deadAttempts.sort();

  const seenTotal = [...seen.values()].reduce((n, s) => n + s.size, 0);
  const { pending = 0, failed = 0, succeeded = 0, dead: deadCount = 0 } = stats.byStatus;
  console.log(`\nchaos results (${((Date.now() - started) / 1000).toFixed(0)} s, crash mid-run: ${crashed ? "yes" : "no"}${settledAt && crashedAt ? `; settled ${((settledAt - crashedAt) / 1000).toFixed(0)} s after the crash` : ""})`);
  console.log(`  deliveries: succeeded ${succeeded}, dead ${deadCount}, failed ${failed}, pending ${pending} (expected ${expected} succeeded + 3 dead)`);
  console.log(`  receivers: ${seenTotal}/${expected} (endpoint, webhook-id) pairs answered 2xx; ${requests} requests; ${badSignatures} bad signatures`);
  console.log(`  attempts: max ${maxAttempts} (limit ${MAX_ATTEMPTS}); always-failing endpoint: ${deadAttempts.join(", ")} attempts, ${alwaysFailHits} hits`);
  const ok =
    crashed &&
    eventIds.size === EVENTS &&
    succeeded === expected &&
    pending + failed === 0 &&
    seenTotal === expected &&
    badSignatures === 0 &&
    maxAttempts <= MAX_ATTEMPTS &&
    deadAttempts.length === 3 &&
    deadAttempts.every((n) => n === MAX_ATTEMPTS) &&
    listed === expected + 3;
  console.log(ok ? "\nchaos: 1 passed, 0 failed" : "\nchaos: 0 passed, 1 failed");
  process.exitCode = ok ? 0 : 1;
} finally {
  await app.stop();
  // The first server's stop drops the database it made (Postgres); it is long dead.
  if (app !== first) await first.stop();
  server.close();
  server.closeAllConnections();
}
