// Where to send a browser back to after sign-in (callbackUrl, next, returnTo…).
// Browsers forgive a lot in a URL: they drop tabs and newlines anywhere, trim
// control characters and spaces at both ends, read "\" as "/" in http(s) URLs,
// and resolve dot segments ("/.//x" is "//x"). A check on the raw string that a
// browser then reads differently is an open redirect, so the value is read here
// the way a browser would read it, with the WHATWG URL parser, and only a path on
// our own origin is given back.

const BASE = "http://portico.invalid";

// What the URL parser removes before anything else (WHATWG URL, basic URL parser).
const EDGES = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const TAB_OR_NEWLINE = /[\t\n\r]/g;

/**
 * A same-origin path (`/x?y#z`) to go to, or `fallback` when `raw` is missing or
 * could lead anywhere else: another host (`//h`, `/\h`, `/%09/h`), a scheme
 * (`https:h`, `javascript:`), userinfo, or a path a later hop that decodes it
 * once more could read as `//h` (`/%2F%2Fh`, `/%5Ch`).
 */
export function safeReturnPath(raw: string | null | undefined, fallback: string): string;
export function safeReturnPath(raw: string | null | undefined, fallback?: string): string | undefined;
export function safeReturnPath(raw: string | null | undefined, fallback?: string): string | undefined {
  if (typeof raw !== "string") return fallback;
  const cleaned = raw.replace(EDGES, "").replace(TAB_OR_NEWLINE, "");
  // One leading slash, then not a second one (a backslash counts as a slash in http URLs).
  const slashes = cleaned.replace(/\\/g, "/");
  if (!slashes.startsWith("/") || slashes.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(cleaned, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.username || url.password) return fallback;
  // Dot segments can collapse into "//host" ("/.//h", "/%2e%2e//h"); so can encoded slashes once decoded.
  if (couldLeaveOrigin(url.pathname)) return fallback;
  return url.pathname + url.search + url.hash;
}

/** True when the path, as is or decoded up to three times, starts like a network-path reference. */
function couldLeaveOrigin(pathname: string): boolean {
  let current = pathname;
  for (let round = 0; round < 4; round++) {
    const normal = current.replace(EDGES, "").replace(TAB_OR_NEWLINE, "").replace(/\\/g, "/");
    if (normal.startsWith("//") || !normal.startsWith("/")) return true;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false; // not decodable: nobody can turn it into "//"
    }
    if (decoded === current) return false;
    current = decoded;
  }
  return true;
}

/**
 * next-auth's `callbacks.redirect`: `url` is a path or an absolute URL (its own
 * pages send `window.location.href`); only our origin's paths survive, anything
 * else lands on the base URL.
 */
export function safeAuthRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let candidate: string | undefined = url;
  if (!/^[\u0000-\u0020]*[/\\]/.test(url)) {
    // Absolute: allowed only for our own origin, then judged by its path like any other.
    try {
      const parsed = new URL(url);
      candidate = parsed.origin === base.origin && !parsed.username && !parsed.password ? parsed.pathname + parsed.search + parsed.hash : undefined;
    } catch {
      candidate = undefined;
    }
  }
  const path = safeReturnPath(candidate);
  return path ? `${base.origin}${path}` : base.origin;
}
