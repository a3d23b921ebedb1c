import { ensureBuild } from "@/lib/testing/ensure-build";
import { startApp } from "@/lib/testing/start-app";
import { fmt, load, type LoadResult } from "./support/load";
import { sampleRss, treeRssMiB } from "./support/process-rss";
import { api, signIn } from "./support/session";

// npm run bench:oauth — in one run, on the production build (embedded PGlite):
// the token endpoint (client_credentials) against the /api/ping floor, and
// GET /api/v1/me with an OAuth access token against the same call with an API key.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = 3440;

ensureBuild(process.env.BENCH_BUILD === "1");

function row(name: string, r: LoadResult) {
  return `  ${name.padEnd(34)} ${fmt(r.rps, 0).padStart(7)} req/s   p50 ${fmt(r.p50).padStart(6)} ms   p99 ${fmt(r.p99).padStart(6)} ms   2xx ${r.ok}  non-2xx ${r.non2xx}`;
}

const app = await startApp({
  port: PORT,
  stdio: "ignore",
  postgresUrl: process.env.BENCH_POSTGRES_URL,
  env: { DEFAULT_RATE_LIMIT: "100000000", PREMIUM_RATE_LIMIT: "100000000" },
});
let failed = false;
const idleRss = treeRssMiB(app.child.pid!);
const rss = sampleRss(app.child.pid!);
try {
  const cookie = await signIn(app.url, "partner@portico.test");
  const client = await api<{ clientId: string; clientSecret: string }>(app.url, cookie, "/oauth-clients", {
    name: "bench",
    type: "confidential",
    redirectUris: ["https://example.com/cb"],
    grantTypes: ["client_credentials"],
    scopes: ["read:*"],
  });
  const key = (await api<{ key: string }>(app.url, cookie, "/keys", { name: "bench", scopes: ["read:*"] })).key;
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString("base64")}`;
  const tokenReq = { method: "POST" as const, headers: { authorization: basic, "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=client_credentials&scope=read%3A*" };
  const tokenRes = await fetch(`${app.url}/api/oauth/token`, tokenReq);
  if (tokenRes.status !== 200) throw new Error(`token: ${tokenRes.status} ${await tokenRes.text()}`);
  const accessToken = ((await tokenRes.json()) as { access_token: string }).access_token;

  // Warm-up.
  for (const [url, headers] of [
    [`${app.url}/api/ping`, {}],
    [`${app.url}/api/v1/me`, { authorization: `Bearer ${key}` }],
    [`${app.url}/api/v1/me`, { authorization: `Bearer ${accessToken}` }],
  ] as const) {
    await load({ url, headers, connections: 10, seconds: 2 });
  }
  const floor = await load({ url: `${app.url}/api/ping`, connections: 50, seconds: SECONDS });
  const token = await (async () => {
    const autocannon = (await import("autocannon")).default;
    const r = await autocannon({ url: `${app.url}/api/oauth/token`, connections: 50, duration: SECONDS, ...tokenReq });
    return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, ok: r["2xx"], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts };
  })();
  const withKey = await load({ url: `${app.url}/api/v1/me`, headers: { authorization: `Bearer ${key}` }, connections: 50, seconds: SECONDS });
  const withToken = await load({ url: `${app.url}/api/v1/me`, headers: { authorization: `Bearer ${accessToken}` }, connections: 50, seconds: SECONDS });

  console.log(`\n${app.database}`);
  console.log(row("GET /api/ping (floor)", floor));
  console.log(row("POST /api/oauth/token (client_cred.)", token));
  console.log(`  token endpoint: ${fmt(token.rps / floor.rps, 2)} × the floor's throughput, p99 ${fmt(token.p99 / floor.p99, 2)} × the floor's`);
  console.log(row("GET /api/v1/me (API key)", withKey));
  console.log(row("GET /api/v1/me (OAuth token)", withToken));
  const ratio = withToken.rps / withKey.rps;
  console.log(`  OAuth token vs API key: ${fmt(ratio, 2)} (target ≥ 0.90)`);
  failed = ratio < 0.9 || token.non2xx > 0 || withToken.non2xx > 0;
  const { peakMiB } = rss.stop();
  console.log(`  server RSS: ${idleRss.toFixed(0)} MiB idle after start, peak ${peakMiB.toFixed(0)} MiB under load`);
  console.log(`\nsummary: OAuth/API-key ratio ${fmt(ratio, 2)} ${ratio >= 0.9 ? "ok" : "BELOW TARGET"}`);
} finally {
  await app.stop();
}
process.exit(failed ? 1 : 0);
