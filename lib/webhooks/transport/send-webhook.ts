import http from "node:http";
import https from "node:https";
import { StringDecoder } from "node:string_decoder";
import { agentFor, describeNetworkError } from "./guarded-agent";
import { parseRetryAfter } from "./retry-after";
import { checkWebhookUrl, unbracket, type Resolver } from "./url-guard";

// One delivery attempt over the wire. It reports what happened and never
// throws: retry policy, logging and endpoint health are the caller's business.

export type SendWebhookInput = {
  url: string;
  /** Usually the output of signPayload; content-type and user-agent are always ours. */
  headers: Record<string, string>;
  /** Sent byte for byte: it must be the string that was signed. */
  body: string;
  /** Connect + request + response, as one budget. */
  timeoutMs?: number;
  /** Allow http and private/loopback targets: local development and tests only. */
  allowPrivate: boolean;
  maxResponseBytes?: number;
  /** DNS override for tests; production uses the system resolver. */
  resolver?: Resolver;
};

export type SendResult = {
  /** The HTTP status, or null when none was received. */
  status: number | null;
  headers: Record<string, string>;
  /** At most maxResponseBytes of the response body, as UTF-8. */
  body: string;
  durationMs: number;
  /** Null when a response was read completely and in time (whatever its status). */
  error: string | null;
  retryAfterSeconds: number | null;
};

const USER_AGENT = "Portico-Webhooks/1.0";
// A pooled socket the server closed while idle fails with one of these before
// any response; the request never reached the application, so sending it again
// on another socket is safe (receivers dedupe on webhook-id anyway).
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE"]);
const MAX_ATTEMPTS = 3;

// The URL check and the request options derived from it are the same for every
// attempt to an endpoint: computed once per (URL, mode), not per attempt.
type Target = { ok: true; protocol: string; options: http.RequestOptions } | { ok: false; reason: string };
const targets = new Map<string, Target>();

function targetOf(raw: string, allowPrivate: boolean): Target {
  const key = `${allowPrivate ? "1" : "0"}${raw}`;
  let t = targets.get(key);
  if (!t) {
    const check = checkWebhookUrl(raw, { allowPrivate });
    t = check.ok
      ? {
          ok: true,
          protocol: check.url.protocol,
          options: {
            protocol: check.url.protocol,
            hostname: unbracket(check.url.hostname),
            port: check.url.port || undefined,
            path: `${check.url.pathname}${check.url.search}`,
          },
        }
      : { ok: false, reason: check.reason };
    if (targets.size >= 10_000) targets.clear();
    targets.set(key, t);
  }
  return t;
}

export async function sendWebhook(input: SendWebhookInput): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const check = targetOf(input.url, input.allowPrivate);
    if (!check.ok) return failure(check.reason, elapsed());

    const timeoutMs = input.timeoutMs ?? 15_000;
    const deadline = started + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      const outcome = await post(check, input, deadline, timeoutMs);
      if (!outcome.staleSocket || attempt === MAX_ATTEMPTS) return { ...outcome.result, durationMs: elapsed() };
    }
  } catch (err) {
    // Nothing above should throw; if it does, it is still a failed delivery.
    return failure(`unexpected error: ${(err as Error).message}`, elapsed());
  }
}

type Outcome = { result: SendResult; staleSocket: boolean };

function post(target: Extract<Target, { ok: true }>, input: SendWebhookInput, deadline: number, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const maxBytes = input.maxResponseBytes ?? 4096;
    let settled = false;
    let response: http.IncomingMessage | null = null;
    const chunks: Buffer[] = [];
    let kept = 0;

    const settle = (error: string | null, staleSocket = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Whatever was not read is not wanted: drop the socket rather than drain it.
      if (error !== null || kept >= maxBytes) req.destroy();
      const headers = response ? flattenHeaders(response.headers) : {};
      resolve({
        staleSocket,
        result: {
          status: response?.statusCode ?? null,
          headers,
          // StringDecoder holds back a multi-byte character cut at the limit.
          body: chunks.length ? new StringDecoder("utf8").write(Buffer.concat(chunks).subarray(0, maxBytes)) : "",
          durationMs: 0,
          error,
          retryAfterSeconds: parseRetryAfter(headers["retry-after"]),
        },
      });
    };

    const mod = target.protocol === "https:" ? https : http;
    const headers = lowercaseKeys(input.headers);
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(input.body, "utf8"));
    headers["user-agent"] = USER_AGENT;
    const req = mod.request({
      ...target.options,
      method: "POST",
      agent: agentFor(target.protocol, { allowPrivate: input.allowPrivate, resolver: input.resolver }),
      headers,
      // Redirects are never followed (node:http does not), so a 3xx is reported as is.
    });

    // One budget for DNS, connect, TLS, request and response: a server that
    // accepts the connection and then trickles bytes still ends on time.
    const timer = setTimeout(() => settle(`timeout after ${timeoutMs} ms`), Math.max(0, deadline - performance.now()));

    req.on("error", (err: NodeJS.ErrnoException) => {
      const stale = response === null && req.reusedSocket && STALE_SOCKET_CODES.has(err.code ?? "");
      settle(describeNetworkError(err), stale);
    });
    req.on("response", (res) => {
      response = res;
      if (maxBytes <= 0) return settle(null);
      res.on("data", (chunk: Buffer) => {
        if (kept >= maxBytes) return;
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= maxBytes) settle(null);
      });
      res.on("end", () => settle(null));
      res.on("error", (err) => settle(describeNetworkError(err)));
      res.on("close", () => {
        if (!res.complete) settle("connection closed before the response was complete");
      });
    });
    // A string, not a Buffer: node:http then writes head and body in one piece.
    req.end(input.body, "utf8");
  });
}

function failure(error: string, durationMs: number): SendResult {
  return { status: null, headers: {}, body: "", durationMs, error, retryAfterSeconds: null };
}

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function lowercaseKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) out[k.toLowerCase()] = h[k];
  return out;
}
