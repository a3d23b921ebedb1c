// Published open-redirect payloads (PayloadsAllTheThings "Open Redirect", the
// OWASP and PortSwigger cheat sheets, and bypasses reported against Next.js and
// next-auth), with the attacker's host spelled evil.example. Shared by the unit
// test of lib/http/safe-redirect.ts and e2e/open-redirect.ui.spec.ts.
//
// `lands` says where safeReturnPath must send each one: "fallback" (the default
// page) for everything that names another host, scheme or userinfo, or a path
// any hop could read as one; "path" for the few that are harmless paths on our
// own origin (`/.evil.example` only hurts code that glues a path to a host name).

export type RedirectPayload = { payload: string; lands: "fallback" | "path" };

const fallback = (payload: string): RedirectPayload => ({ payload, lands: "fallback" });
const path = (payload: string): RedirectPayload => ({ payload, lands: "path" });

export const openRedirectPayloads: RedirectPayload[] = [
  // Protocol-relative and absolute.
  fallback("//evil.example"),
  fallback("//evil.example/"),
  fallback("///evil.example"),
  fallback("////evil.example"),
  fallback("//evil.example/%2f.."),
  fallback("https://evil.example"),
  fallback("http://evil.example"),
  fallback("https:evil.example"),
  fallback("http:evil.example"),
  fallback("https:/evil.example"),
  fallback("https:/\\/\\evil.example"),
  fallback("HtTpS://evil.example"),
  // Backslashes: browsers read "\" as "/" in http URLs.
  fallback("/\\evil.example"),
  fallback("/\\/evil.example"),
  fallback("\\/\\/evil.example"),
  fallback("\\\\evil.example"),
  fallback("/\\/\\evil.example"),
  fallback("//\\evil.example"),
  // Tabs, newlines and spaces that browsers drop.
  fallback("/\t/evil.example"),
  fallback("/\r/evil.example"),
  fallback("/\n/evil.example"),
  fallback(" //evil.example"),
  fallback("\t//evil.example"),
  fallback("\u0000//evil.example"),
  // Percent-encoded: literal here (they reach us still encoded when the whole value is encoded).
  fallback("/%09/evil.example"),
  fallback("/%0D/evil.example"),
  fallback("/%0a/evil.example"),
  fallback("/%2F%2Fevil.example"),
  fallback("/%2f%2fevil.example"),
  fallback("/%5cevil.example"),
  fallback("/%5C%5Cevil.example"),
  fallback("/%252F%252Fevil.example"),
  fallback("%2F%2Fevil.example"),
  fallback("//%2F%2Fevil.example"),
  // Dot segments that collapse into "//host".
  fallback("/.//evil.example"),
  fallback("/..//evil.example"),
  fallback("/x/..//evil.example"),
  fallback("/%2e%2e//evil.example"),
  fallback("/%2e//evil.example"),
  // Userinfo.
  fallback("http://evil.example@localhost"),
  fallback("http://localhost@evil.example"),
  fallback("//localhost@evil.example"),
  fallback("@evil.example"),
  fallback("//;@evil.example"),
  fallback("///\\;@evil.example"),
  // Unicode look-alikes of "/" and ".".
  fallback("〱evil.example"),
  fallback("〵evil.example"),
  fallback("ゝevil.example"),
  fallback("ーevil.example"),
  fallback("／／evil.example"),
  fallback("//evil。example"),
  // Other schemes.
  fallback("javascript:alert(1)"),
  fallback("JaVaScRiPt:alert(1)"),
  fallback("java\tscript:alert(1)"),
  fallback("javascript://%0aalert(1)"),
  fallback("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
  fallback("vbscript:msgbox(1)"),
  // Not a path at all.
  fallback("evil.example"),
  fallback(""),
  // Harmless paths on our own origin.
  path("/.evil.example"),
  path("/@evil.example"),
  path("/https://evil.example"),
  path("/%E3%80%B1evil.example"),
];
