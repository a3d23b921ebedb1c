import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { url: string; headers: IncomingMessage["headers"]; body: string };
export type ReceiverReply = { status: number; headers?: Record<string, string>; body?: string; hang?: boolean; delayMs?: number };

/**
 * A local HTTP receiver for webhook tests: records every request and answers with
 * whatever `reply` returns for it (n counts from 1). `hang: true` never answers.
 */
export async function startWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  const hanging = new Set<import("node:http").ServerResponse>();
  const state: { reply: (n: number, req: ReceivedRequest) => ReceiverReply } = { reply: () => ({ status: 200 }) };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const r: ReceivedRequest = { url: req.url ?? "/", headers: req.headers, body };
      received.push(r);
      const out = state.reply(received.length, r);
      if (out.hang) {
        hanging.add(res);
        return;
      }
      const answer = () => {
        res.writeHead(out.status, out.headers ?? {});
        res.end(out.body ?? "ok");
      };
      if (out.delayMs) setTimeout(answer, out.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    received,
    /** Requests whose path starts with the prefix. */
    to: (prefix: string) => received.filter((r) => r.url.startsWith(prefix)),
    setReply(fn: (n: number, req: ReceivedRequest) => ReceiverReply) {
      state.reply = fn;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Polls until the check passes (or the time runs out); returns whether it passed. */
export async function waitUntil(check: () => boolean | Promise<boolean>, ms = 3000, every = 20): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, every));
  }
  return check();
}

/** The Standard Webhooks headers of a received request, as `Webhook.verify` takes them. */
export function signatureHeaders(h: IncomingMessage["headers"]) {
  return {
    "webhook-id": String(h["webhook-id"]),
    "webhook-timestamp": String(h["webhook-timestamp"]),
    "webhook-signature": String(h["webhook-signature"]),
  };
}
