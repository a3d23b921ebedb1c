import { config } from "@/lib/config";

// Who sends what:
// - next.config.ts `headers()`: X-Content-Type-Options, Referrer-Policy and X-Frame-Options on
//   every response (pages, /api, next-auth, static files, 404s), plus a "load nothing, frame
//   nothing" CSP on /api/*; static, so the API hot paths pay nothing per request for them.
// - proxy.ts: each page's Content-Security-Policy with a fresh script nonce, and HSTS.
// - setApiSecurityHeaders: /api responses' Cache-Control and HSTS (the route wrapper and the
//   handlers outside it call it).

export const HSTS = "max-age=63072000; includeSubDomains";

function https(): boolean {
  return config().APP_URL.startsWith("https://");
}

// Headers every /api response carries (pages get theirs, CSP included, from proxy.ts).
// API answers are per caller and some carry secrets: never cached anywhere.
export function setApiSecurityHeaders(headers: Headers): void {
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "strict-origin-when-cross-origin");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  if (https()) headers.set("strict-transport-security", HSTS);
}

/** 128 random bits, base64: a fresh one per page response. */
export function newCspNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export type PagePolicyOptions = {
  /** The request's path: the consent page may post to the clients' redirect URIs. */
  pathname: string;
  https: boolean;
  /** `next dev` needs eval for React's error overlays; production never does. */
  dev: boolean;
};

/**
 * A page's policy: scripts only with this response's nonce (and what they load), no framing
 * at all, nothing from other origins but https images. Styles may be inline: React and recharts set `style`
 * attributes, which a nonce cannot cover; scripts never may.
 */
export function pageContentSecurityPolicy(nonce: string, options: PagePolicyOptions): string {
  // A form posted before hydration is a real navigation; on the consent page its answer is a
  // redirect to the client's redirect URI (https, or http on loopback), which Chromium checks against form-action.
  const formAction = options.pathname.startsWith("/oauth/") ? "'self' https: http://localhost:* http://127.0.0.1:*" : "'self'";
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // Partners' logos, screenshots and Markdown images live on their own https hosts (images run
    // no code; the Markdown renderer already drops anything but absolute https image URLs).
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/**
 * What proxy.ts does for a page: the nonce and the policy go on the request (Next.js reads the
 * nonce from it and puts it on its own scripts; pages and /docs/api read `x-nonce`) and on the response.
 */
export function pageSecurityHeaders(pathname: string): { nonce: string; csp: string; hsts: string | undefined } {
  const nonce = newCspNonce();
  const secure = https();
  const csp = pageContentSecurityPolicy(nonce, { pathname, https: secure, dev: process.env.NODE_ENV === "development" });
  return { nonce, csp, hsts: secure ? HSTS : undefined };
}
