import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { resolveAndCheck, systemResolver, type GuardOptions, type Resolver } from "./url-guard";

// The SSRF check that cannot be raced: Node calls `lookup` for every new
// connection and connects to exactly the addresses it returns, so a DNS answer
// that changes between a check and the request (DNS rebinding) is still caught.
// Literal IP hosts skip `lookup`; checkWebhookUrl has judged those already.

/** Code of a connection error from this lookup: DNS failure or a refused address. */
export const LOOKUP_FAILED = "EWEBHOOKLOOKUP";

export function guardedLookup(opts: GuardOptions & { resolver?: Resolver }): LookupFunction {
  return (hostname, options, callback) => {
    void resolveAndCheck(hostname, opts).then((check) => {
      if (!check.ok) return callback(Object.assign(new Error(check.reason), { code: LOOKUP_FAILED }), "");
      const family = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
      const addresses = family ? check.addresses.filter((a) => a.family === family) : check.addresses;
      if (addresses.length === 0) {
        return callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: "ENOTFOUND" }), "");
      }
      // With autoSelectFamily (Node's default) net asks for all addresses and
      // tries them in turn; every one of them has passed the check.
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

// Keep-alive agents, measured against `agent: false` with sendWebhook on
// loopback (2 cores): HTTP ~1.2-2.9k vs ~3.1-5.5k req/s, HTTPS ~430 vs
// ~4-7.7k req/s; over a real network each new connection also costs 1-3 round
// trips. Node's pool is keyed by host and port, not by lookup, so a socket
// opened with private targets allowed must never serve a call that forbids
// them: one agent per (resolver, allowPrivate, protocol).
const agents = new WeakMap<Resolver, Map<string, http.Agent>>();

// Close idle sockets before common server keep-alive timeouts (Node: 5 s) so we
// rarely write to a socket the server is closing. Node also honours a shorter
// `Keep-Alive: timeout=` hint from the server.
const IDLE_SOCKET_MS = 4_000;

export function agentFor(protocol: string, opts: GuardOptions & { resolver?: Resolver }): http.Agent {
  const resolver = opts.resolver ?? systemResolver;
  let byMode = agents.get(resolver);
  if (!byMode) agents.set(resolver, (byMode = new Map()));
  const key = `${protocol}${opts.allowPrivate}`;
  let agent = byMode.get(key);
  if (!agent) {
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, lookup: guardedLookup({ ...opts, resolver }) };
    agent = protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    byMode.set(key, agent);
  }
  return agent;
}

/** A failed request to a partner's server in words, for delivery logs, probes and health checks. */
export function describeNetworkError(err: NodeJS.ErrnoException): string {
  const code = err.code ?? "";
  // The guard's own words: "hooks.example.com resolves to a private address (10.0.0.7)".
  if (code === LOOKUP_FAILED) return err.message;
  if (code === "ECONNREFUSED") return `connection refused (${code})`;
  if (code === "ECONNRESET") return `connection reset by the server (${code})`;
  if (code === "ETIMEDOUT") return `connection timed out (${code})`;
  if (code === "ENETUNREACH" || code === "EHOSTUNREACH") return `network unreachable (${code})`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `DNS lookup failed (${code})`;
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return `TLS error: ${err.message} (${code})`;
  return code ? `${err.message} (${code})` : err.message;
}
