import http from "node:http";
import https from "node:https";
import { DomainError } from "@/lib/errors";
import { validateEndpointUrl } from "@/lib/webhooks/validate-endpoint-url";
import { agentFor, describeNetworkError } from "@/lib/webhooks/transport/guarded-agent";
import { signPayload } from "@/lib/webhooks/transport/sign";
import { unbracket, type Resolver } from "@/lib/webhooks/transport/url-guard";

// One health check over the wire: a GET to the app's health-check URL, signed
// like a webhook (Standard Webhooks headers with the app's signing secret) so
// the partner can tell it is us. A GET has no body, so the signed content is
// "{webhook-id}.{webhook-timestamp}." (an empty payload). Redirects are not
// followed, private addresses are refused (at validation and again at connect,
// against DNS rebinding), and one budget covers DNS, connect and the answer.
// It reports what happened and never throws.

export type HealthProbe = {
  healthy: boolean;
  /** The answer's status, or null when none came. */
  httpStatus: number | null;
  latencyMs: number;
  /** Why it is unhealthy; null when healthy. */
  error: string | null;
};

export type SendHealthCheckInput = {
  url: string;
  /** The app's current signing secret first, then the previous one during a rotation (one signature each). */
  secrets: string[];
  /** webhook-id: the check's id, so the partner can match it with our record. */
  msgId: string;
  /** The moment of signing (webhook-timestamp): receivers reject stale ones, so the real time, always. */
  timestamp: Date;
  timeoutMs: number;
  allowPrivate: boolean;
  /** DNS override for tests. */
  resolver?: Resolver;
};

export const DEFAULT_HEALTH_TIMEOUT_MS = 10_000;
const USER_AGENT = "Portico-HealthCheck/1.0";
// Enough to tell the answer came; a health page's body is not wanted.
const MAX_BODY_BYTES = 1024;
// A pooled socket the server closed while idle fails before any answer; a GET is safe to repeat on a new one.
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE"]);
const MAX_ATTEMPTS = 3;

type Attempt = { status: number | null; error: string | null; stale?: boolean };

export async function sendHealthCheck(input: SendHealthCheckInput): Promise<HealthProbe> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = new URL(await validateEndpointUrl(input.url));
  } catch (err) {
    const reason = err instanceof DomainError ? (err.errors?.[0]?.message ?? err.message) : (err as Error).message;
    return { healthy: false, httpStatus: null, latencyMs: elapsed(), error: reason };
  }
  const headers = {
    "user-agent": USER_AGENT,
    accept: "*/*",
    ...signPayload({ secrets: input.secrets, msgId: input.msgId, timestamp: input.timestamp, body: "" }),
  };
  const deadline = started + input.timeoutMs;
  let outcome: Attempt = { status: null, error: "no attempt made" };
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    outcome = await get(url, headers, input, deadline);
    if (!outcome.stale) break;
  }
  const { status, error } = outcome;
  if (status === null) return { healthy: false, httpStatus: null, latencyMs: elapsed(), error: error ?? "no answer" };
  const healthy = status >= 200 && status < 300;
  const why = status >= 300 && status < 400 ? `answered ${status} (a redirect: redirects are not followed)` : `answered ${status}`;
  return { healthy, httpStatus: status, latencyMs: elapsed(), error: healthy ? null : why };
}

function get(url: URL, headers: Record<string, string>, input: SendHealthCheckInput, deadline: number): Promise<Attempt> {
  return new Promise((resolve) => {
    let settled = false;
    let status: number | null = null;
    let kept = 0;
    let complete = false;
    const settle = (a: Attempt) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A socket with unread bytes cannot go back to the pool.
      if (!complete) req.destroy();
      // Once a status has arrived, that is the answer, whatever happens to the body.
      resolve(status !== null ? { status, error: null } : a);
    };
    const req = (url.protocol === "https:" ? https : http).request({
      protocol: url.protocol,
      hostname: unbracket(url.hostname),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      // Connect-time check of every resolved address (the last word against DNS rebinding).
      agent: agentFor(url.protocol, { allowPrivate: input.allowPrivate, resolver: input.resolver }),
      headers,
      // node:http never follows redirects: a 3xx is reported as it is.
    });
    const timer = setTimeout(() => settle({ status: null, error: `timeout after ${input.timeoutMs} ms` }), Math.max(0, deadline - performance.now()));
    req.on("error", (err: NodeJS.ErrnoException) => {
      const stale = status === null && req.reusedSocket && STALE_SOCKET_CODES.has(err.code ?? "");
      settle({ status: null, error: describeNetworkError(err), stale });
    });
    req.on("response", (res) => {
      status = res.statusCode ?? null;
      res.on("data", (chunk: Buffer) => {
        kept += chunk.length;
        if (kept >= MAX_BODY_BYTES) settle({ status, error: null });
      });
      res.on("end", () => {
        complete = true;
        settle({ status, error: null });
      });
      res.on("error", () => settle({ status, error: null }));
      res.on("close", () => settle({ status, error: null }));
    });
    req.end();
  });
}

