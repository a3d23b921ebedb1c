import { Agent, request } from "node:http";
import { ensureBuild } from "@/lib/testing/ensure-build";
import { startApp } from "@/lib/testing/start-app";
import { signPayload, generateWebhookSecret } from "@/lib/webhooks/transport/sign";
import { sampleRss } from "./support/process-rss";
import { percentile, startReceiver } from "./support/receiver";
import { api, signIn } from "./support/session";

// npm run bench:webhooks — delivery throughput and publish→delivered latency on
// the production build (embedded PGlite, embedded runner), against a fast local
// receiver. Baseline measured in the same run: the same signed POSTs sent by a
// plain Node loop at the runner's concurrency.
//
// Latency: events published at each rate of BENCH_RATES (events/s, default
// 200,1000) with BENCH_LATENCY_ENDPOINTS endpoints subscribed (default 10),
// printing publish→delivered and the publish call's own p50/p99, and the
// server's resident memory (its process tree). BENCH_ROUNDS=0 skips the
// throughput rounds. bench/support/publish-path.ts measures the same latency
// without the HTTP layer.

const ENDPOINTS = 50;
const EVENTS = Number(process.env.BENCH_EVENTS ?? 100); // × 50 endpoints = 5,000 deliveries
/** Publish rates of the latency phase, one after the other (events/s). */
const RATES = (process.env.BENCH_RATES ?? "200,1000").split(",").map(Number);
if (!RATES.length || RATES.some((r) => !(r > 0))) throw new Error("BENCH_RATES: a comma list of events per second, e.g. 200,1000");
/** Endpoints subscribed during the latency phase (the target: 10). */
const LATENCY_ENDPOINTS = Number(process.env.BENCH_LATENCY_ENDPOINTS ?? 10);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const CONCURRENCY = 64; // EmbeddedRunner's default
// Events come from many producers at once on a real platform; one sequential
// publisher would measure a publish's round trip × 50, not delivery throughput.
const PUBLISHERS = Number(process.env.BENCH_PUBLISHERS ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3410);

ensureBuild(process.env.BENCH_BUILD === "1");

const lead = { leadId: "0b7c6f1e-6a2b-4d0b-9a51-3c2f8e1d4a10", source: "bench", lineOfBusiness: "auto", contact: { name: "Bench" }, createdAt: new Date().toISOString() };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) return false;
    await sleep(5);
  }
  return true;
}

async function baseline(url: string, total: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const secret = generateWebhookSecret();
  const body = JSON.stringify({ id: "x", type: "lead.created", timestamp: new Date().toISOString(), data: lead });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        const i = next++;
        const headers = { "content-type": "application/json", ...signPayload({ secrets: [secret], msgId: `base-${i}`, timestamp: new Date(), body }) };
        await new Promise<void>((resolve, reject) => {
          const req = request(`${url}/baseline/${i % ENDPOINTS}`, { method: "POST", headers, agent }, (res) => {
            res.resume();
            res.on("end", resolve);
          });
          req.on("error", reject);
          req.end(body);
        });
      }
    }),
  );
  agent.destroy();
  return total / ((performance.now() - t0) / 1000);
}

const receiver = await startReceiver();
// BENCH_POSTGRES_URL=postgres://… measures on Postgres instead of the embedded PGlite.
const app = await startApp({
  port: PORT,
  postgresUrl: process.env.BENCH_POSTGRES_URL,
  stdio: "ignore",
  env: { WEBHOOK_ALLOW_PRIVATE_URLS: "1", DEFAULT_RATE_LIMIT: "100000000", PREMIUM_RATE_LIMIT: "100000000" },
});
let failed = false;
try {
  const partnerCookie = await signIn(app.url, "partner@portico.test");
  // Publishing with a partner API key (write:events): the path third-party platforms' services take.
  const key = (await api<{ key: string }>(app.url, partnerCookie, "/keys", { name: "bench-events", scopes: ["write:events", "read:*"] })).key;
  const endpoints: string[] = [];
  for (let i = 0; i < ENDPOINTS; i++) {
    const e = await api<{ id: string }>(app.url, partnerCookie, "/webhooks/endpoints", { url: `${receiver.url}/e/${i}`, eventTypes: ["lead.*"] });
    endpoints.push(e.id);
  }
  // node:http with keep-alive rather than fetch: the load generator shares the
  // machine's two cores with the server and must not eat what it measures.
  const publishAgent = new Agent({ keepAlive: true, maxSockets: 256 });
  const publishBody = JSON.stringify({ type: "lead.created", data: lead });
  const publishOnce = () =>
    new Promise<{ id: string }>((resolve, reject) => {
      const req = request(
        `${app.url}/api/v1/events`,
        { method: "POST", agent: publishAgent, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "content-length": Buffer.byteLength(publishBody) } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => {
            if (res.statusCode === 202) resolve(JSON.parse(text) as { id: string });
            else reject(Object.assign(new Error(`publish: ${res.statusCode} ${text}`), { status: res.statusCode, retryAfter: Number(res.headers["retry-after"] ?? 1) }));
          });
        },
      );
      // A kept-alive socket the server closed while idle fails before any answer: the request never arrived.
      req.on("error", (err) => reject(Object.assign(err, { staleSocket: req.reusedSocket })));
      req.end(publishBody);
    });
  let shed = 0;
  /** Publishes once; a server shedding load (503) is asked again after its Retry-After, as a producer would, and counted. */
  const publish = async (): Promise<{ id: string }> => {
    for (;;) {
      try {
        return await publishOnce().catch((err: { staleSocket?: boolean }) => (err.staleSocket ? publishOnce() : Promise.reject(err)));
      } catch (err) {
        const e = err as { status?: number; retryAfter?: number };
        if (e.status !== 503) throw err;
        shed++;
        await sleep(Math.max(0.1, e.retryAfter || 1) * 1000);
      }
    }
  };
  let publishFailures = 0;
  /** Why publishes failed, with how often. */
  const failureReasons = new Map<string, number>();

  /** Publishes `count` events from PUBLISHERS concurrent producers. */
  const publishConcurrently = async (count: number) => {
    let published = 0;
    await Promise.all(
      Array.from({ length: PUBLISHERS }, async () => {
        while (published < count) {
          published++;
          await publish();
        }
      }),
    );
  };

  // Both sides are measured warm (JIT, PGlite's WASM tier-up, connection pools):
  // a whole unmeasured round of the same work goes first (with a short one,
  // the first measured round still ran a third slower than the rest).
  receiver.reset();
  await publishConcurrently(EVENTS);
  await waitFor(() => receiver.arrivals.size >= EVENTS * ENDPOINTS, 120_000);
  await baseline(receiver.url, EVENTS * ENDPOINTS);
  await sleep(500);

  // Throughput: EVENTS events fan out to every endpoint. Rounds alternate
  // Portico and the plain loop, and the median of the per-round ratios is the
  // result: on a noisy machine a neighbour's burst then skews one round, not all.
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
  const total = EVENTS * ENDPOINTS;
  const rounds: { portico: number; base: number; ratio: number }[] = [];
  let allIn = true;
  for (let r = 0; r < ROUNDS; r++) {
    receiver.reset();
    const t0 = performance.now();
    await publishConcurrently(EVENTS);
    const arrived = await waitFor(() => receiver.arrivals.size >= total, 300_000);
    allIn = allIn && arrived;
    const portico = total / ((performance.now() - t0) / 1000);
    await sleep(300); // let the last outcomes be written before the baseline runs
    receiver.reset();
    const base = await baseline(receiver.url, total);
    rounds.push({ portico, base, ratio: portico / base });
  }
  const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)];
  const ratio = median?.ratio ?? NaN;
  console.log(`\n${app.database}`);
  // BENCH_ROUNDS=0 measures latency only.
  if (median) console.log(`throughput (${total} deliveries over ${ENDPOINTS} endpoints; ${EVENTS} events published by ${PUBLISHERS} concurrent publishers, included in the time; ${ROUNDS} rounds, median shown)`);
  for (const [i, r] of rounds.entries()) {
    console.log(`  round ${i + 1}: Portico embedded runner ${r.portico.toFixed(0).padStart(5)} deliveries/s, plain Node loop ${r.base.toFixed(0).padStart(5)} POSTs/s (concurrency ${CONCURRENCY}) → ${r.ratio.toFixed(3)}`);
  }
  if (median) {
    console.log(`  Portico embedded runner  ${median.portico.toFixed(0).padStart(6)} deliveries/s${allIn ? "" : "  (TIMED OUT)"}`);
    console.log(`  plain Node loop          ${median.base.toFixed(0).padStart(6)} POSTs/s`);
    console.log(`  ratio ${ratio.toFixed(3)} (target ≥ 0.50)`);
  }

  // Latency: LATENCY_ENDPOINTS endpoints subscribed (the rest disabled), events at
  // each rate of RATES in turn (after WARMUP_SECONDS at the same rate, not counted).
  for (const id of endpoints.slice(LATENCY_ENDPOINTS)) {
    await fetch(`${app.url}/api/v1/webhooks/endpoints/${id}`, { method: "PATCH", headers: { cookie: partnerCookie, "content-type": "application/json", origin: app.url }, body: JSON.stringify({ status: "disabled" }) });
  }
  const WARMUP_SECONDS = 3;
  const sent = new Map<string, number>();
  const publishMs: number[] = [];
  /** Publishes `count` events at `rate` per second, on schedule (not waiting for answers), recording when each was sent. */
  const publishAtRate = async (rate: number, count: number) => {
    const inflight: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      const at = performance.now() + performance.timeOrigin;
      inflight.push(
        publish().then(
          (r) => {
            sent.set(r.id, at);
            publishMs.push(performance.now() + performance.timeOrigin - at);
          },
          (err: Error & { code?: string }) => {
            publishFailures++;
            const reason = err.code ? `${err.code} ${err.message}` : err.message.slice(0, 200);
            failureReasons.set(reason, (failureReasons.get(reason) ?? 0) + 1);
          },
        ),
      );
    }
    await Promise.all(inflight);
  };
  const latencyResults: { rate: number; p50: number; p99: number; publishP50: number; publishP99: number; complete: boolean }[] = [];
  for (const rate of RATES) {
    // Warm-up at the same rate, then let its deliveries drain: the measurement starts from a steady state.
    receiver.reset();
    sent.clear();
    await publishAtRate(rate, rate * WARMUP_SECONDS);
    await waitFor(() => receiver.arrivals.size >= sent.size * LATENCY_ENDPOINTS, 120_000);
    await sleep(500);
    receiver.reset();
    sent.clear();
    publishMs.length = 0;
    publishFailures = 0;
    shed = 0;
    failureReasons.clear();
    const rss = sampleRss(app.child.pid!);
    await publishAtRate(rate, rate * LATENCY_SECONDS);
    const complete = await waitFor(() => receiver.arrivals.size >= sent.size * LATENCY_ENDPOINTS, 120_000);
    const memory = rss.stop();
    const latencies: number[] = [];
    for (const [key, arrived] of receiver.arrivals) {
      const id = key.split("|")[1];
      const t = sent.get(id);
      if (t !== undefined) latencies.push(arrived - t);
    }
    latencies.sort((a, b) => a - b);
    publishMs.sort((a, b) => a - b);
    const r = { rate, p50: percentile(latencies, 50), p99: percentile(latencies, 99), publishP50: percentile(publishMs, 50), publishP99: percentile(publishMs, 99), complete: complete && publishFailures === 0 };
    latencyResults.push(r);
    console.log(
      `\npublish → delivered at ${rate} events/s to ${LATENCY_ENDPOINTS} endpoints (${rate * LATENCY_ENDPOINTS} deliveries/s) for ${LATENCY_SECONDS} s after ${WARMUP_SECONDS} s of warm-up (${latencies.length}/${sent.size * LATENCY_ENDPOINTS} deliveries of ${sent.size} published events; ${publishFailures} publishes failed)`,
    );
    for (const [reason, n] of failureReasons) console.log(`  publish failed ${n}×: ${reason}`);
    if (shed) console.log(`  the server shed load ${shed}× (503; each publish asked again after Retry-After, the wait included in its times)`);
    console.log(`  p50 ${r.p50.toFixed(0)} ms   p99 ${r.p99.toFixed(0)} ms (target p99 < 1000 ms)`);
    console.log(`  the publish request itself: p50 ${r.publishP50.toFixed(1)} ms   p99 ${r.publishP99.toFixed(1)} ms (target p99 < 100 ms)`);
    console.log(`  server RSS (process tree): peak ${memory.peakMiB.toFixed(0)} MiB, at the end ${memory.lastMiB.toFixed(0)} MiB`);
  }
  const latencyOk = (r: (typeof latencyResults)[number]) => r.complete && r.p99 < 1000 && r.publishP99 < 100;
  failed = (ROUNDS > 0 && (ratio < 0.5 || !allIn)) || !latencyResults.every(latencyOk);
  const summary = [
    ...(ROUNDS > 0 ? [`throughput ratio ${ratio.toFixed(3)} ${ratio >= 0.5 && allIn ? "ok" : "BELOW TARGET"}`] : []),
    ...latencyResults.map((r) => `${r.rate}/s: p99 ${r.p99.toFixed(0)} ms, publish p99 ${r.publishP99.toFixed(0)} ms ${latencyOk(r) ? "ok" : r.complete ? "ABOVE TARGET" : "INCOMPLETE"}`),
  ];
  console.log(`\nsummary: ${summary.join("; ")}`);
} finally {
  await app.stop();
  await receiver.close();
}
process.exit(failed ? 1 : 0);
