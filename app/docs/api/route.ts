import { ApiReference } from "@scalar/nextjs-api-reference";
import { withPorticoChrome } from "@/lib/docs/api-reference-page";

// Scalar renders /api/v1/openapi.json. Its browser bundle is served from our own
// node_modules (below), so the reference works on a self-hosted, offline install.
const options = {
  url: "/api/v1/openapi.json",
  pageTitle: "Portico API reference",
  cdn: "/docs/api/standalone.js",
  // Nothing from scalar.com (our CSP would refuse it anyway, and an offline install has none of it):
  // no hosted fonts, no "Ask AI" agent (its registry calls go through proxy.scalar.com), no telemetry.
  withDefaultFonts: false,
  agent: { disabled: true },
  telemetry: false,
  // "Try it" calls our API (same origin) directly, never through proxy.scalar.com: a caller's
  // bearer credential must not pass through a third party, and connect-src 'self' would refuse it.
  proxyUrl: "",
  // Scalar's own toolbar (Deploy, Share, "Ask AI"…) and its theme toggle: the portal's theme applies instead.
  showDeveloperTools: "never",
  hideDarkModeToggle: true,
} as const;

// proxy.ts gives this page a CSP whose scripts need its nonce: Scalar's two script tags carry it.
export async function GET(req: Request) {
  const nonce = req.headers.get("x-nonce") ?? undefined;
  const html = await ApiReference({ ...options, nonce })().text();
  return new Response(withPorticoChrome(html, nonce), {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
