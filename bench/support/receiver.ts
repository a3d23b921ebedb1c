import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A local webhook receiver that answers 200 at once and records when each (endpoint, webhook-id) arrived. */
export async function startReceiver() {
  const arrivals = new Map<string, number>();
  let count = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const id = String(req.headers["webhook-id"] ?? "");
      const key = `${req.url}|${id}`;
      if (!arrivals.has(key)) arrivals.set(key, performance.now() + performance.timeOrigin);
      count++;
      res.statusCode = 200;
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    arrivals,
    get count() {
      return count;
    },
    reset() {
      arrivals.clear();
      count = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
