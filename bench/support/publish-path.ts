import { randomUUID } from "node:crypto";
import { openDb } from "@/db";
import { seed } from "@/db/seed";
import { webhookEndpoints } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { publishEvent } from "@/lib/events/publish-event";
import { EmbeddedRunner } from "@/lib/jobs/embedded-runner";
import { createPartner } from "@/lib/testing/fixtures";
import { createTestDb } from "@/lib/testing/test-db";
import { seal } from "@/lib/crypto/secret-box";
import { generateWebhookSecret } from "@/lib/webhooks/transport/sign";
import { percentile, startReceiver } from "./receiver";

// npx tsx bench/support/publish-path.ts — the domain half of bench:webhooks
// without the HTTP server: publishEvent() called in-process at each rate of
// BENCH_RATES, the embedded runner (with its sender thread) delivering to
// BENCH_LATENCY_ENDPOINTS endpoints of a local receiver. Same publish
// statement, fan-out, hand-off, sends and outcome writes as the app; what it
// leaves out is the route (Next's request handling, authentication, metering).
// Postgres with DATABASE_URL, else PGlite in memory. Comparing its figures with
// bench:webhooks' tells how much of publish→delivered the HTTP layer costs.

const RATES = (process.env.BENCH_RATES ?? "200,1000").split(",").map(Number);
const ENDPOINTS = Number(process.env.BENCH_LATENCY_ENDPOINTS ?? 10);
const SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const WARMUP_SECONDS = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lead = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "bench", lineOfBusiness: "auto", contact: { name: "Bench" }, createdAt: new Date().toISOString() };

// PGlite on its own thread, as the app runs it (PGLITE_THREAD defaults to on).
const opened = process.env.DATABASE_URL ? await createTestDb() : { ...(await openDb({ thread: true })), drop: async () => {} };
const db = opened.db;
await seed(db, { demo: false });
const partner = await createPartner(db);
const receiver = await startReceiver();
const ciphertext = seal(generateWebhookSecret());
for (let i = 0; i < ENDPOINTS; i++) {
  await db.insert(webhookEndpoints).values({ partnerId: partner.id, url: `${receiver.url}/e/${i}`, eventTypes: ["lead.*"], secretCiphertext: ciphertext });
}
// A partner's API key with write:events, as the HTTP bench publishes.
const principal: Principal = {
  type: "api_key",
  userId: null,
  partnerId: partner.id,
  partnerRole: null,
  accountId: null,
  isPlatformAdmin: false,
  scopes: ["write:events"],
  credentialId: randomUUID(),
};
const runner = new EmbeddedRunner(async () => db, { senderThread: true });
runner.start();

async function atRate(rate: number, seconds: number) {
  const sent = new Map<string, number>();
  const publishMs: number[] = [];
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const at = performance.now() + performance.timeOrigin;
    inflight.push(
      publishEvent(db, principal, { type: "lead.created", data: lead }).then((r) => {
        sent.set(r.id, at);
        publishMs.push(performance.now() + performance.timeOrigin - at);
      }),
    );
  }
  await Promise.all(inflight);
  const end = Date.now() + 120_000;
  while (receiver.arrivals.size < sent.size * ENDPOINTS && Date.now() < end) await sleep(5);
  const latencies = [...receiver.arrivals].flatMap(([key, arrived]) => {
    const t = sent.get(key.split("|")[1]);
    return t === undefined ? [] : [arrived - t];
  });
  return { sent: sent.size, latencies: latencies.sort((a, b) => a - b), publishMs: publishMs.sort((a, b) => a - b) };
}

try {
  for (const rate of RATES) {
    receiver.reset();
    await atRate(rate, WARMUP_SECONDS);
    await sleep(500);
    receiver.reset();
    const r = await atRate(rate, SECONDS);
    console.log(`\n${opened.driver}: publishEvent() at ${rate}/s to ${ENDPOINTS} endpoints for ${SECONDS} s (${r.latencies.length}/${r.sent * ENDPOINTS} delivered)`);
    console.log(`  publish → delivered p50 ${percentile(r.latencies, 50).toFixed(0)} ms   p99 ${percentile(r.latencies, 99).toFixed(0)} ms`);
    console.log(`  publishEvent() itself p50 ${percentile(r.publishMs, 50).toFixed(1)} ms   p99 ${percentile(r.publishMs, 99).toFixed(1)} ms`);
  }
} finally {
  await runner.stop();
  await receiver.close();
  await opened.drop();
  await opened.close();
}
process.exit(0);
