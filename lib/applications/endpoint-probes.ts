import http from "node:http";
import https from "node:https";
import { StringDecoder } from "node:string_decoder";
import { LOOKUP_FAILED, agentFor } from "@/lib/webhooks/transport/guarded-agent";
import { checkWebhookUrl, unbracket, type Resolver } from "@/lib/webhooks/transport/url-guard";
import { checkFields, probeCheckIds, type CheckResult, type CheckStatus, type CheckSubject } from "./security-checks";

// Live calls to a submitted app's endpoints, run in the background after
// submit. They tell the reviewer and the partner what a real call would meet,
// but a partner's server being down for a minute says nothing about the app's
// security, so nothing here fails: a bad or missing answer is a warning with
// the reason. The calls go through the same SSRF guard as webhook deliveries.

export type ProbeOptions = {
  allowPrivateUrls: boolean;
  /** Budget per call for DNS, connect, TLS and the response headers. */
  timeoutMs?: number;
  resolver?: Resolver;
};

type ProbeId = (typeof probeCheckIds)[number];
type Answer = { ok: true; status: number; ms: number; body: string } | { ok: false; reason: string; ms: number };

const DEFAULT_TIMEOUT_MS = 10_000;
// Enough for an error page's first lines; the rest is not wanted.
const MAX_BODY_BYTES = 2048;
const BODY_EXCERPT_CHARS = 200;
const USER_AGENT = "Portico-AppChecks/1.0";

/** Live probes, run in the background after submit. Never throws; network trouble yields `warning` with the reason. */
export async function runEndpointProbes(
  subject: Pick<CheckSubject, "webhookUrl" | "healthCheckUrl">,
  opts: ProbeOptions,
): Promise<CheckResult[]> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const probes: Record<ProbeId, () => Promise<Omit<CheckResult, "check" | "field">>> = {
    health_check_responds: () => healthCheckResponds(subject.healthCheckUrl, { ...opts, timeoutMs }),
    webhook_rejects_unsigned: () => webhookRejectsUnsigned(subject.webhookUrl, { ...opts, timeoutMs }),
  };
  return Promise.all(
    probeCheckIds.map(async (check): Promise<CheckResult> => {
      try {
        return { check, field: checkFields[check], ...(await probes[check]()) };
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        return { check, field: checkFields[check], ...verdict("warning", `This check could not run (${reason}); it runs again on the next submit`, { reason }) };
      }
    }),
  );
}

type Resolved = ProbeOptions & { timeoutMs: number };

async function healthCheckResponds(url: string | null, opts: Resolved) {
  if (!url) return verdict("passed", "No health-check URL set");
  const answer = await get(url, opts);
  if (!answer.ok) return verdict("warning", `We could not reach your health-check URL: ${answer.reason}`, { url, reason: answer.reason, ms: answer.ms });
  const { status, ms } = answer;
  if (status >= 200 && status < 300) return verdict("passed", `Your health check answered ${status} in ${ms} ms`, { url, status, ms });
  const redirect = status >= 300 && status < 400 ? " (a redirect: we do not follow redirects, so register the final URL)" : "";
  return verdict("warning", `Your health-check URL answered ${status}${redirect}; it should answer 2xx within ${seconds(opts.timeoutMs)} while your app is healthy`, {
    url,
    status,
    ms,
    body: answer.body.slice(0, BODY_EXCERPT_CHARS),
  });
}

// A GET, not a POST: a receiver that does not verify signatures might act on
// a POSTed event, and probing must never cause side effects at the partner's.
async function webhookRejectsUnsigned(url: string | null, opts: Resolved) {
  if (!url) return verdict("passed", "No webhook URL set");
  const answer = await get(url, opts);
  if (!answer.ok) {
    return verdict("warning", `We could not check that your webhook URL rejects unsigned requests: ${answer.reason}`, { url, reason: answer.reason, ms: answer.ms });
  }
  const { status, ms } = answer;
  if (status >= 200 && status < 300) {
    return verdict("warning", "Your webhook URL accepted a request without a signature; verify webhook-signature and answer 401", { url, status, ms });
  }
  return verdict("passed", `Your webhook URL refused a request without a signature (${status})`, { url, status, ms });
}

async function get(raw: string, opts: Resolved): Promise<Answer> {
  const started = performance.now();
  const checked = checkWebhookUrl(raw, { allowPrivate: opts.allowPrivateUrls });
  if (!checked.ok) return { ok: false, reason: checked.reason, ms: 0 };
  const deadline = started + opts.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptGet(checked.url, opts, deadline);
    if (outcome !== STALE_SOCKET || attempt === MAX_ATTEMPTS) {
      const ms = Math.round(performance.now() - started);
      if (outcome === STALE_SOCKET) return { ok: false, reason: "the server closed the connection (ECONNRESET)", ms };
      return { ...outcome, ms };
    }
  }
}

// The agent pools sockets (shared with webhook deliveries); one the server
// closed while idle fails before any answer. The request never reached the
// application, and a GET is safe to repeat, so it is tried on a new socket.
const STALE_SOCKET = Symbol("stale socket");
const STALE_SOCKET_CODES = new Set(["ECONNRESET", "EPIPE"]);
const MAX_ATTEMPTS = 3;

type Attempt = { ok: true; status: number; body: string } | { ok: false; reason: string };

function attemptGet(url: URL, opts: Resolved, deadline: number): Promise<Attempt | typeof STALE_SOCKET> {
  return new Promise((resolve) => {
    let settled = false;
    let status: number | null = null;
    const chunks: Buffer[] = [];
    let kept = 0;
    let complete = false;

    const settle = (outcome: Attempt | typeof STALE_SOCKET | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A socket with unread bytes cannot go back to the pool.
      if (!complete) req.destroy();
      // Once a status has arrived, that is the answer, whatever happened to the body.
      if (status !== null) {
        const body = chunks.length ? new StringDecoder("utf8").write(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES)) : "";
        return resolve({ ok: true, status, body });
      }
      resolve(outcome ?? { ok: false, reason: "the server closed the connection without answering" });
    };

    const req = (url.protocol === "https:" ? https : http).request({
      protocol: url.protocol,
      hostname: unbracket(url.hostname),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      // Connect-time check of every resolved address: DNS may have changed since submit.
      agent: agentFor(url.protocol, { allowPrivate: opts.allowPrivateUrls, resolver: opts.resolver }),
      // Deliberately no webhook-id / webhook-timestamp / webhook-signature.
      headers: { "user-agent": USER_AGENT, accept: "*/*" },
      // node:http never follows redirects, so a 3xx is reported as it is.
    });

    // One budget for DNS, connect, TLS and the answer, across attempts.
    const timer = setTimeout(() => settle({ ok: false, reason: `no answer within ${opts.timeoutMs} ms` }), Math.max(0, deadline - performance.now()));

    req.on("error", (err: NodeJS.ErrnoException) => {
      const stale = status === null && req.reusedSocket && STALE_SOCKET_CODES.has(err.code ?? "");
      settle(stale ? STALE_SOCKET : { ok: false, reason: describeError(err) });
    });
    req.on("response", (res) => {
      status = res.statusCode ?? null;
      res.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        kept += chunk.length;
        if (kept >= MAX_BODY_BYTES) settle(null);
      });
      res.on("end", () => {
        complete = true;
        settle(null);
      });
      res.on("error", () => settle(null));
      res.on("close", () => settle(null));
    });
    req.end();
  });
}

function describeError(err: NodeJS.ErrnoException): string {
  const code = err.code ?? "";
  // The guard's own words: "hooks.example.com resolves to a private address (10.0.0.7)".
  if (code === LOOKUP_FAILED) return err.message;
  if (code === "ECONNREFUSED") return `connection refused (${code}); is your server listening on that address and port?`;
  if (code === "ECONNRESET") return `the server closed the connection (${code})`;
  if (code === "ETIMEDOUT") return `connection timed out (${code})`;
  if (code === "ENETUNREACH" || code === "EHOSTUNREACH") return `network unreachable (${code})`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `DNS lookup failed (${code})`;
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `TLS error: ${err.message} (${code}); serve a certificate from a public CA`;
  return code ? `${err.message} (${code})` : err.message;
}

function verdict(status: CheckStatus, message: string, evidence: Record<string, unknown> = {}) {
  return { status, message, evidence };
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
