import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sendWebhook } from "./send-webhook";
import type { Resolver } from "./url-guard";

// Real HTTP servers on 127.0.0.1: what reaches them is what a partner would see.

type Seen = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
type TestServer = { url: string; port: number; requests: Seen[]; connections: number; server: http.Server };

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function startServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const t = { requests: [] as Seen[], connections: 0 } as TestServer;
  t.server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      t.requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      handler(req, res);
    });
  });
  t.server.on("connection", () => t.connections++);
  servers.push(t.server);
  await new Promise<void>((r) => t.server.listen(0, "127.0.0.1", r));
  t.port = (t.server.address() as AddressInfo).port;
  t.url = `http://127.0.0.1:${t.port}`;
  return t;
}

const reply =
  (status: number, headers: Record<string, string> = {}, body = "") =>
  (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, headers).end(body);
  };

const body = JSON.stringify({ id: "evt_1", type: "partner.created", data: { name: "Zoë ✓" } });
const signed = { "webhook-id": "evt_1", "webhook-timestamp": "1700000000", "webhook-signature": "v1,abc" };
const local = { headers: signed, body, allowPrivate: true };

/** Resolves every name in `table`; counts calls so tests can tell a connect-time lookup happened. */
function fakeResolver(table: Record<string, string>) {
  const calls: string[] = [];
  const resolver: Resolver = async (host) => {
    calls.push(host);
    const address = table[host];
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return [{ address, family: 4 }];
  };
  return { resolver, calls };
}

describe("sendWebhook", () => {
  it("POSTs the exact body with our headers and captures the response", async () => {
    const s = await startServer(reply(200, { "x-receiver": "yes" }, '{"received":true}'));
    const r = await sendWebhook({ ...local, url: `${s.url}/hooks?a=1`, headers: { ...signed, "Content-Type": "text/plain" } });

    expect(r).toMatchObject({ status: 200, body: '{"received":true}', error: null, retryAfterSeconds: null });
    expect(r.headers["x-receiver"]).toBe("yes");
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(s.requests).toHaveLength(1);
    const seen = s.requests[0];
    expect(seen).toMatchObject({ method: "POST", url: "/hooks?a=1", body });
    expect(seen.headers).toMatchObject({
      ...signed,
      "content-type": "application/json",
      "user-agent": "Portico-Webhooks/1.0",
      "content-length": String(Buffer.byteLength(body)),
    });
  });

  it("reaches an IPv6 literal host, path and query intact, and reuses the checked target on the next call", async () => {
    const seen: string[] = [];
    const v6 = http.createServer((req, res) => {
      seen.push(req.url!);
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    servers.push(v6);
    await new Promise<void>((r) => v6.listen(0, "::1", r));
    const url = `http://[::1]:${(v6.address() as AddressInfo).port}/v6/hook?x=%20y`;
    expect(await sendWebhook({ ...local, url })).toMatchObject({ status: 200, body: "ok", error: null });
    expect(await sendWebhook({ ...local, url })).toMatchObject({ status: 200, error: null });
    expect(seen).toEqual(["/v6/hook?x=%20y", "/v6/hook?x=%20y"]);
    // The same URL refused in the other mode: the cached check is per mode.
    expect((await sendWebhook({ ...local, url, allowPrivate: false })).error).toMatch(/https/);
  });

  it.each([500, 410, 404])("reports a %i as a status, not an error", async (status) => {
    const s = await startServer(reply(status, {}, "nope"));
    expect(await sendWebhook({ ...local, url: s.url })).toMatchObject({ status, body: "nope", error: null });
  });

  it("never follows a redirect", async () => {
    const target = await startServer(reply(200));
    const s = await startServer(reply(302, { location: `${target.url}/stolen` }));
    const r = await sendWebhook({ ...local, url: s.url });
    expect(r).toMatchObject({ status: 302, error: null });
    expect(r.headers.location).toBe(`${target.url}/stolen`);
    expect(target.connections).toBe(0);
    expect(target.requests).toHaveLength(0);
  });

  it("times out a server that never answers, within the budget", async () => {
    const s = await startServer(() => {});
    const t0 = Date.now();
    const r = await sendWebhook({ ...local, url: s.url, timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ status: null, error: "timeout after 300 ms", body: "" });
    expect(r.durationMs).toBeGreaterThanOrEqual(290);
  });

  it("times out a body that trickles, keeping the status that arrived in time", async () => {
    const s = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("partial");
    });
    const t0 = Date.now();
    const r = await sendWebhook({ ...local, url: s.url, timeoutMs: 300 });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ status: 200, body: "partial", error: "timeout after 300 ms" });
  });

  it("keeps only maxResponseBytes of a 1 MB body", async () => {
    const s = await startServer(reply(200, {}, "x".repeat(1024 * 1024)));
    const r = await sendWebhook({ ...local, url: s.url });
    expect(r).toMatchObject({ status: 200, error: null, body: "x".repeat(4096) });
    expect((await sendWebhook({ ...local, url: s.url, maxResponseBytes: 10 })).body).toBe("x".repeat(10));
  });

  it("drops the connection instead of reading an endless body", async () => {
    let closed = false;
    const s = await startServer((_req, res) => {
      res.writeHead(200);
      const chunk = "y".repeat(64 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on("drain", pump);
      res.on("close", () => (closed = true));
      pump();
    });
    const r = await sendWebhook({ ...local, url: s.url, timeoutMs: 5_000 });
    expect(r).toMatchObject({ status: 200, error: null, body: "y".repeat(4096) });
    await expect.poll(() => closed).toBe(true);
  });

  it("does not cut a UTF-8 character in half at the limit", async () => {
    const s = await startServer(reply(200, {}, "aaa€€€")); // € is 3 bytes
    expect((await sendWebhook({ ...local, url: s.url, maxResponseBytes: 5 })).body).toBe("aaa");
  });

  it("parses Retry-After in seconds or as an HTTP date", async () => {
    const s1 = await startServer(reply(429, { "retry-after": "120" }));
    expect(await sendWebhook({ ...local, url: s1.url })).toMatchObject({ status: 429, retryAfterSeconds: 120 });

    const at = new Date(Date.now() + 60_000).toUTCString();
    const s2 = await startServer(reply(503, { "retry-after": at }));
    const r = await sendWebhook({ ...local, url: s2.url });
    expect(r.status).toBe(503);
    expect(r.retryAfterSeconds).toBeGreaterThanOrEqual(58);
    expect(r.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it.each(["https://127.0.0.1:PORT/", "https://localhost:PORT/", "http://127.0.0.1:PORT/", "https://2130706433:PORT/"])(
    "refuses %s without allowPrivate before anything reaches the server",
    async (template) => {
      const s = await startServer(reply(200));
      const r = await sendWebhook({ ...local, allowPrivate: false, url: template.replace("PORT", String(s.port)) });
      expect(r).toMatchObject({ status: null, error: expect.stringMatching(/^URL /) });
      expect(s.connections).toBe(0);
    },
  );

  it("refuses at connect time a name that resolves to loopback (DNS rebinding)", async () => {
    const s = await startServer(reply(200));
    const url = `https://hooks.example.test:${s.port}/`;
    // First answer public (what a check at save time would have seen), then loopback.
    let answer = "93.184.215.14";
    const calls: string[] = [];
    const resolver: Resolver = async (host) => {
      calls.push(host);
      const address = answer;
      answer = "127.0.0.1";
      return [{ address, family: 4 }];
    };
    const { resolveAndCheck } = await import("./url-guard");
    expect(await resolveAndCheck("hooks.example.test", { allowPrivate: false, resolver })).toMatchObject({ ok: true });

    const r = await sendWebhook({ ...local, allowPrivate: false, url, resolver });
    expect(r).toMatchObject({ status: null, error: "hooks.example.test resolves to a loopback address (127.0.0.1)" });
    expect(calls).toEqual(["hooks.example.test", "hooks.example.test"]);
    expect(s.connections).toBe(0);
  });

  it("connects to the address the guarded lookup returned", async () => {
    const s = await startServer(reply(204));
    const { resolver, calls } = fakeResolver({ "hooks.example.test": "127.0.0.1" });
    const r = await sendWebhook({ ...local, url: `http://hooks.example.test:${s.port}/x`, resolver });
    expect(r).toMatchObject({ status: 204, error: null });
    expect(calls).toEqual(["hooks.example.test"]);
    expect(s.requests[0].headers.host).toBe(`hooks.example.test:${s.port}`);
  });

  it("reuses a kept-alive connection and looks up again for each new one", async () => {
    const s = await startServer(reply(200, {}, "ok"));
    const { resolver, calls } = fakeResolver({ "hooks.example.test": "127.0.0.1" });
    const url = `http://hooks.example.test:${s.port}/`;
    await sendWebhook({ ...local, url, resolver });
    await sendWebhook({ ...local, url, resolver });
    expect(s.requests).toHaveLength(2);
    expect(s.connections).toBe(1);
    expect(calls).toHaveLength(1);

    s.server.closeAllConnections();
    await new Promise((r) => setTimeout(r, 20));
    expect(await sendWebhook({ ...local, url, resolver })).toMatchObject({ status: 200 });
    expect(s.connections).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it("sends again on a fresh connection when a pooled one turns out to be dead", async () => {
    let n = 0;
    const s = await startServer((req, res) => {
      // The second request arrives on the kept-alive socket: drop it unanswered.
      if (++n === 2) return req.socket.destroy();
      res.end("ok");
    });
    const { resolver } = fakeResolver({ "hooks.example.test": "127.0.0.1" });
    const url = `http://hooks.example.test:${s.port}/`;
    expect(await sendWebhook({ ...local, url, resolver })).toMatchObject({ status: 200 });
    expect(await sendWebhook({ ...local, url, resolver })).toMatchObject({ status: 200, error: null });
    expect(s.connections).toBe(2);
    expect(s.requests).toHaveLength(3);
  });

  it("reports a refused connection without throwing", async () => {
    const s = await startServer(reply(200));
    const port = s.port;
    await new Promise((r) => s.server.close(r));
    const r = await sendWebhook({ ...local, url: `http://127.0.0.1:${port}/` });
    expect(r).toMatchObject({ status: null, error: "connection refused (ECONNREFUSED)", headers: {}, body: "" });
  });

  it("reports a DNS failure without throwing", async () => {
    const { resolver } = fakeResolver({});
    const r = await sendWebhook({ ...local, url: "https://nowhere.example.test/", resolver });
    expect(r).toMatchObject({ status: null, error: "DNS lookup of nowhere.example.test failed (ENOTFOUND)" });
  });

  it("never throws, even on input node:http rejects", async () => {
    const s = await startServer(reply(200));
    const r = await sendWebhook({ ...local, url: s.url, headers: { "x-bad": "a\r\nb" } });
    expect(r.status).toBeNull();
    expect(r.error).toMatch(/^unexpected error/);
    expect(s.connections).toBe(0);
    expect(await sendWebhook({ ...local, url: "::::" })).toMatchObject({ status: null, error: "URL is not a valid URL" });
  });
});
