import { config } from "@/lib/config";

// Headers every /api response carries (pages get theirs, CSP included, from proxy.ts).
// API answers are per caller and some carry secrets: never cached anywhere.
export function setApiSecurityHeaders(headers: Headers): void {
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "strict-origin-when-cross-origin");
  if (!headers.has("cache-control")) headers.set("cache-control", "no-store");
  if (config().APP_URL.startsWith("https://")) headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
}
