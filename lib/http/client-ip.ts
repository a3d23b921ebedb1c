import { isIP } from "node:net";
import { config } from "@/lib/config";
import { peerHeaderName } from "./peer-address";

// The caller's address, for throttles and the audit log.
//
// X-Forwarded-For is a list each proxy appends the address it received the
// request from to; anything left of what our own proxies wrote came from the
// caller and can be forged. With TRUST_PROXY=N (N proxies of ours in front),
// the N-th entry from the right is the address our outermost proxy saw: the
// client. With TRUST_PROXY=0 (the default) no header is believed, X-Real-IP
// included, whatever it says.
//
// Next (16) gives route handlers, server actions and next-auth no socket address
// (`NextRequest.ip` is gone since 15; `next start` only fills X-Forwarded-For when
// the caller sent none, so a value there may be the caller's own invention). The
// HTTP server hook stamps the real peer into a header only this process can name
// (peer-address.ts): with TRUST_PROXY=0 that is the client. Without the hook (a
// handler called in-process) there is no address: null.

/** Anything with request headers: a Request, a Headers, Next's `headers()`, or next-auth's plain header object. */
export type HeadersSource =
  | Request
  | { get(name: string): string | null }
  | { headers: { get(name: string): string | null } | Record<string, string | string[] | undefined> }
  | Record<string, string | string[] | undefined>;

export function clientIp(source: HeadersSource | null | undefined, trustProxy: number = config().TRUST_PROXY): string | null {
  if (!source) return null;
  const peer = normalizeIp(readHeader(source, peerHeaderName()) ?? undefined);
  if (trustProxy <= 0) return peer;
  const header = readHeader(source, "x-forwarded-for");
  if (!header) return peer;
  const hops = header
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!hops.length) return null;
  // Fewer entries than proxies: the request skipped an outer proxy, and the
  // leftmost entry was written by one of ours, so it is still believable.
  return normalizeIp(hops[Math.max(0, hops.length - trustProxy)]);
}

function readHeader(source: HeadersSource, name: string): string | null {
  const bag = "headers" in source && source.headers && typeof source.headers === "object" ? source.headers : source;
  if (typeof (bag as { get?: unknown }).get === "function") return (bag as { get(n: string): string | null }).get(name);
  const record = bag as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  // Repeated headers are one list, in order (RFC 9110 §5.3).
  return Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : null;
}

/** An address as written by a proxy (`1.2.3.4`, `1.2.3.4:5678`, `[::1]:80`, `::ffff:1.2.3.4`) → the bare address, or null. */
export function normalizeIp(raw: string | undefined): string | null {
  if (!raw) return null;
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.replace(/%.*$/, ""); // an IPv6 zone names a local interface, not a client
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(s);
  if (mapped) s = mapped[1];
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind === 6) return s.toLowerCase();
  return null;
}
