import dns, { type LookupAddress } from "node:dns";
import net from "node:net";
import { addressKind, type AddressKind } from "./address-kind";

export { addressKind, isPublicAddress, type AddressKind } from "./address-kind";

// Partners give us a URL and we POST to it from inside our network: that is a
// server-side request forgery vector. The checks here run when an endpoint is
// saved (fast feedback) and again before every delivery; the last word is the
// connect-time check in ./guarded-lookup, because DNS can change in between.

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };
export type GuardOptions = { allowPrivate: boolean };

const MAX_URL_LENGTH = 2000;

// Names that resolve to the machine itself or the local network by convention,
// whatever public DNS says. "home.arpa" is the RFC 8375 home-network zone.
const LOCAL_NAMES = ["localhost", "local", "internal", "home.arpa"];

export function checkWebhookUrl(raw: string, opts: GuardOptions): UrlCheck {
  if (raw.length > MAX_URL_LENGTH) return refuse(`is longer than ${MAX_URL_LENGTH} characters`);
  // The URL parser silently drops tabs/newlines and trims spaces: refuse them so
  // what the partner sees is exactly what we call.
  if (/\s/.test(raw) || [...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    return refuse("contains whitespace or control characters");
  }

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse("is not a valid URL");
  }
  const schemes = opts.allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(url.protocol)) return refuse(opts.allowPrivate ? "must use http or https" : "must use https");
  if (url.username || url.password) return refuse("must not contain credentials");
  if (url.hash || raw.includes("#")) return refuse("must not contain a fragment");
  if (!url.hostname) return refuse("must have a host");
  if (opts.allowPrivate) return { ok: true, url };

  // The WHATWG parser has already turned 2130706433, 0x7f000001, 017700000001
  // and 127.1 into 127.0.0.1, so literal addresses are judged in canonical form.
  const host = unbracket(url.hostname);
  if (net.isIP(host)) {
    const kind = addressKind(host);
    return kind === "public" ? { ok: true, url } : refuse(`points to ${describe(kind)}`);
  }
  const name = host.replace(/\.$/, "");
  if (LOCAL_NAMES.some((n) => name === n || name.endsWith(`.${n}`))) return refuse("points to a local host name");
  // A single label ("metadata", "intranet") is completed with the resolver's
  // search domains, i.e. resolved inside our network.
  if (!name.includes(".")) return refuse("must use a fully qualified domain name");
  return { ok: true, url };
}

/** Resolves a host name the way the OS would; the default for all DNS in this folder. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

export type ResolveCheck = { ok: true; addresses: LookupAddress[] } | { ok: false; reason: string };

/**
 * Resolves every address of `hostname` and refuses if ANY is non-public: a name
 * with one public and one private address could connect to either.
 */
export async function resolveAndCheck(
  hostname: string,
  opts: GuardOptions & { resolver?: Resolver },
): Promise<ResolveCheck> {
  const host = unbracket(hostname);
  let addresses: LookupAddress[];
  try {
    addresses = await (opts.resolver ?? systemResolver)(host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    return { ok: false, reason: `DNS lookup of ${host} failed (${code})` };
  }
  if (addresses.length === 0) return { ok: false, reason: `DNS lookup of ${host} returned no addresses` };
  if (!opts.allowPrivate) {
    for (const { address } of addresses) {
      const kind = addressKind(address);
      if (kind !== "public") return { ok: false, reason: `${host} resolves to ${describe(kind)} (${address})` };
    }
  }
  return { ok: true, addresses };
}

function describe(kind: AddressKind): string {
  const article = /^[aeiou]/.test(kind) ? "an" : "a";
  return `${article} ${kind} address`;
}

function refuse(reason: string): UrlCheck {
  return { ok: false, reason: `URL ${reason}` };
}

export function unbracket(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
