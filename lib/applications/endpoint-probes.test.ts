import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Resolver } from "@/lib/webhooks/transport/url-guard";
import { runEndpointProbes } from "./endpoint-probes";

// A real receiver on loopback: what the probes meet is an actual socket, not a mock.
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const routes = new Map<string, Handler>();
const hits: { method: string; path: string; headers: http.IncomingHttpHeaders }[] = [];
let connections = 0;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push({ method: req.method!, path: req.url!, headers: req.headers });
    const handler = routes.get(req.url!) ?? ((_, r) => r.writeHead(404).end("not found"));
    handler(req, res);
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  routes.clear();
  hits.length = 0;
  connections = 0;
  // Also ends requests a "never answers" handler left hanging.
  server.closeAllConnections();
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const answer =
  (status: number, body = ""): Handler =>
  (_, res) =>
    res.writeHead(status, { "content-type": "text/plain" }).end(body);

const dev = { allowPrivateUrls: true, timeoutMs: 2_000 };

describe("runEndpointProbes", () => {
  it("passes a healthy app whose webhook refuses unsigned requests, one result per probe in order", async () => {
    routes.set("/healthz", answer(200, "ok"));
    routes.set("/hooks", answer(401, "missing signature"));
    const results = await runEndpointProbes({ healthCheckUrl: `${base}/healthz`, webhookUrl: `${base}/hooks` }, dev);
    expect(results).toEqual([
      {
        check: "health_check_responds",
        field: "healthCheckUrl",
        status: "passed",
        message: expect.stringMatching(/^Your health check answered 200 in \d+ ms$/),
        evidence: { url: `${base}/healthz`, status: 200, ms: expect.any(Number) },
      },
      {
        check: "webhook_rejects_unsigned",
        field: "webhookUrl",
        status: "passed",
        message: "Your webhook URL refused a request without a signature (401)",
        evidence: { url: `${base}/hooks`, status: 401, ms: expect.any(Number) },
      },
    ]);
    expect(hits.map((h) => `${h.method} ${h.path}`).sort()).toEqual(["GET /healthz", "GET /hooks"]);
    const hook = hits.find((h) => h.path === "/hooks")!;
    expect(Object.keys(hook.headers).filter((h) => h.startsWith("webhook-"))).toEqual([]);
  });

  it("passes both without URLs, calling nothing", async () => {
    const results = await runEndpointProbes({ healthCheckUrl: null, webhookUrl: null }, dev);
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ["passed", "No health-check URL set"],
      ["passed", "No webhook URL set"],
    ]);
    expect(connections).toBe(0);
  });

  it("warns when the health check answers 500, with the status and the start of the body", async () => {
    routes.set("/healthz", answer(500, "database unreachable"));
    const [health] = await runEndpointProbes({ healthCheckUrl: `${base}/healthz`, webhookUrl: null }, dev);
    expect(health).toMatchObject({
      status: "warning",
      message: "Your health-check URL answered 500; it should answer 2xx within 2 s while your app is healthy",
      evidence: { status: 500, body: "database unreachable" },
    });
  });

  it("does not follow a redirect, and says so", async () => {
    routes.set("/healthz", (_, res) => res.writeHead(302, { location: "/elsewhere" }).end());
    routes.set("/elsewhere", answer(200));
    const [health] = await runEndpointProbes({ healthCheckUrl: `${base}/healthz`, webhookUrl: null }, dev);
    expect(health).toMatchObject({ status: "warning", evidence: { status: 302 } });
    expect(health.message).toContain("we do not follow redirects");
    expect(hits.map((h) => h.path)).toEqual(["/healthz"]);
  });

  it("warns, naming the time, when the server never answers", async () => {
    routes.set("/healthz", () => {});
    const started = performance.now();
    const [health] = await runEndpointProbes({ healthCheckUrl: `${base}/healthz`, webhookUrl: null }, { allowPrivateUrls: true, timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(health).toMatchObject({ status: "warning", evidence: { reason: "no answer within 300 ms" } });
    expect(health.message).toBe("We could not reach your health-check URL: no answer within 300 ms");
  });

  it("warns when nothing listens on the port", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const results = await runEndpointProbes({ healthCheckUrl: `http://127.0.0.1:${port}/healthz`, webhookUrl: `http://127.0.0.1:${port}/hooks` }, dev);
    for (const r of results) {
      expect(r.status).toBe("warning");
      expect(r.message).toContain("connection refused (ECONNREFUSED)");
    }
    expect(results[1].message).toMatch(/^We could not check that your webhook URL rejects unsigned requests: connection refused/);
  });

  it("warns when the webhook URL accepts a request without a signature", async () => {
    routes.set("/hooks", answer(200, "thanks"));
    const [, webhook] = await runEndpointProbes({ healthCheckUrl: null, webhookUrl: `${base}/hooks` }, dev);
    expect(webhook).toMatchObject({
      status: "warning",
      field: "webhookUrl",
      message: "Your webhook URL accepted a request without a signature; verify webhook-signature and answer 401",
      evidence: { url: `${base}/hooks`, status: 200 },
    });
  });

  it("runs both probes at once", async () => {
    // Each handler answers only once both requests have arrived: probing one after the other would time out.
    const waiting: (() => void)[] = [];
    const together: Handler = (_, res) => {
      waiting.push(() => res.writeHead(204).end());
      if (waiting.length === 2) waiting.forEach((send) => send());
    };
    routes.set("/healthz", together);
    routes.set("/hooks", together);
    const results = await runEndpointProbes({ healthCheckUrl: `${base}/healthz`, webhookUrl: `${base}/hooks` }, { allowPrivateUrls: true, timeoutMs: 1_000 });
    expect(results.map((r) => r.evidence.status)).toEqual([204, 204]);
  });

  it("retries on a fresh socket when the server has closed a pooled one", async () => {
    routes.set("/healthz", answer(200, "ok"));
    const url = { healthCheckUrl: `${base}/healthz`, webhookUrl: null };
    expect((await runEndpointProbes(url, dev))[0].status).toBe("passed");
    // The server drops the idle keep-alive socket the agent still holds.
    server.closeAllConnections();
    expect((await runEndpointProbes(url, dev))[0]).toMatchObject({ status: "passed", evidence: { status: 200 } });
    expect(hits).toHaveLength(2);
  });

  it("reads only the start of a large body and does not wait for the rest", async () => {
    routes.set("/healthz", (_, res) => {
      res.writeHead(503);
      res.write("x".repeat(64 * 1024)); // and never ends
    });
    const [health] = await runEndpointProbes({ healthCheckUrl: `${base}/healthz`, webhookUrl: null }, { allowPrivateUrls: true, timeoutMs: 5_000 });
    expect(health).toMatchObject({ status: "warning", evidence: { status: 503 } });
    expect((health.evidence.body as string).length).toBe(200);
    expect(health.evidence.ms as number).toBeLessThan(4_000);
  });

  describe("with private URLs refused, as in production", () => {
    it.each([
      ["http", (port: number) => `http://127.0.0.1:${port}/healthz`, "URL must use https"],
      ["a loopback literal", (port: number) => `https://127.0.0.1:${port}/healthz`, "URL points to a loopback address"],
    ])("refuses %s before connecting", async (_, url, reason) => {
      routes.set("/healthz", answer(200));
      const port = Number(new URL(base).port);
      const results = await runEndpointProbes({ healthCheckUrl: url(port), webhookUrl: url(port) }, { allowPrivateUrls: false, timeoutMs: 1_000 });
      expect(results[0]).toMatchObject({ status: "warning", message: `We could not reach your health-check URL: ${reason}`, evidence: { reason } });
      expect(results[1]).toMatchObject({ status: "warning", evidence: { reason } });
      expect(connections).toBe(0);
    });

    it("refuses at connect a name that resolves to loopback", async () => {
      routes.set("/hooks", answer(200));
      const port = Number(new URL(base).port);
      const rebinding: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
      const results = await runEndpointProbes(
        { healthCheckUrl: null, webhookUrl: `https://hooks.acme-quotes.com:${port}/hooks` },
        { allowPrivateUrls: false, timeoutMs: 1_000, resolver: rebinding },
      );
      expect(results[1]).toMatchObject({
        status: "warning",
        message: "We could not check that your webhook URL rejects unsigned requests: hooks.acme-quotes.com resolves to a loopback address (127.0.0.1)",
      });
      expect(connections).toBe(0);
      expect(hits).toEqual([]);
    });
  });
});
