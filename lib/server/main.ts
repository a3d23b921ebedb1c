import { createServer, get, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { config } from "@/lib/config";
import { installServerHooks } from "@/lib/http/server-hooks";
import { trackConnections } from "./http-drain";
import { lifecyclePhase, runShutdown, setServerManaged } from "./lifecycle";
import { LoadShedder } from "./load-shedder";

// `npm start`: the production server. Next's own `next start` cannot set the
// listen backlog, sheds no load, and on SIGTERM closes keep-alive connections
// that may carry a request already (see http-drain.ts). This entry runs the same
// Next request handler behind an HTTP server it controls. Built by
// `npm run build` into .next/portico-server.mjs (esbuild; Next is not bundled).

// A kept-alive connection must outlive the proxy's idle timeout (README: load balancer settings).
const KEEP_ALIVE_MS = 65_000;
// During a drain, a connection idle this long is closed: the proxy's idle timeout must be shorter.
const DRAIN_IDLE_CLOSE_MS = 5_000;
// Asked of the kernel, which caps it at net.core.somaxconn: a burst of connections waits in the queue rather than being dropped.
const LISTEN_BACKLOG = 65_535;

async function main() {
  // `npm start` is production unless told otherwise, as `next start` is.
  const env = process.env as Record<string, string | undefined>;
  env.NODE_ENV ??= "production";
  // What Next's CLI sets, and what instrumentation.ts checks before starting the runner.
  env.NEXT_RUNTIME = "nodejs";
  const c = config();
  setServerManaged();
  installServerHooks();

  const shedder = new LoadShedder({ maxInFlight: c.SHED_MAX_IN_FLIGHT, maxEventLoopDelayMs: c.SHED_MAX_EVENT_LOOP_DELAY_MS });
  const server = createServer();
  const drain = trackConnections(server);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;

  // Before start-up work: a signal while the database opens still stops the runner and closes the database properly.
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // Ctrl-C twice means now. A second SIGTERM (a process group signalled along with its parent) changes nothing.
      if (signal === "SIGINT") {
        console.error("SIGINT again: exiting now");
        process.exit(1);
      }
      return;
    }
    stopping = true;
    const started = Date.now();
    const deadline = started + c.SHUTDOWN_TIMEOUT * 1000;
    const open = drain.stats();
    console.log(`${signal}: draining (${open.connections} connections, ${open.active} with a request under way; at most ${c.SHUTDOWN_TIMEOUT} s)`);
    const drainHttp = async (until: number) => {
      const { forced } = await drain.drain({ deadline: until, idleCloseMs: DRAIN_IDLE_CLOSE_MS });
      if (forced) console.error(`shutdown: ${forced} connections still busy at the deadline were cut`);
    };
    void runShutdown({ deadline, alongsideWork: drainHttp }).then((report) => {
      for (const f of report.failed) console.error(`shutdown: ${f}`);
      if (report.unfinished.length) console.error(`shutdown: not finished within SHUTDOWN_TIMEOUT: ${report.unfinished.join(", ")}`);
      console.log(`stopped in ${Date.now() - started} ms`);
      process.exit(report.ok ? 0 : 1);
    });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  // Imported only now: Next and React choose their production code from NODE_ENV when first loaded.
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port: c.PORT });
  // Loads the build; in production Next starts its server (and runs instrumentation.ts) on the first request: see warmUp.
  await app.prepare();
  if (stopping) return;
  const handle = app.getRequestHandler();
  const serve = (req: IncomingMessage, res: ServerResponse) =>
    handle(req, res).catch((err: unknown) => {
      console.error(`request failed outside Next's handler: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  await warmUp(serve);
  if (stopping) return;
  server.on("request", (req, res) => {
    drain.track(req, res);
    if (shedder.admit(req, res)) void serve(req, res);
  });
  shedder.start();
  // Every interface, IPv6 and IPv4, as `next start` does.
  server.listen({ port: c.PORT, backlog: LISTEN_BACKLOG }, () => {
    console.log(`Portico listening on port ${c.PORT} (${lifecyclePhase()})`);
  });
}

/**
 * Next starts its server lazily, on the first request: instrumentation.ts (the
 * database opened and migrated, the demo seeded, the runner started, the phase
 * set to ready) would run
 * inside a real client's request, and a balancer would send traffic to a port
 * that cannot answer yet. One request on a private loopback port first; the
 * real port opens when it has been answered.
 */
async function warmUp(serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  const probe = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  const ask = (path: string) =>
    new Promise<number | string>((resolve) => {
      get({ host: "127.0.0.1", port, path, agent: false }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      }).on("error", (err) => resolve(err.message));
    });
  const status = await ask("/api/health/ready");
  // An API route (401 without a key) and a page: the first real requests do not pay for loading their code.
  await ask("/api/v1/me");
  await ask("/signin");
  probe.closeAllConnections();
  await new Promise((resolve) => probe.close(resolve));
  if (status !== 200) console.error(`start-up: readiness answered ${status}; listening anyway (GET /api/health/ready says why)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
