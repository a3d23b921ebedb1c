import { NextResponse, type NextRequest } from "next/server";
import { pageSecurityHeaders } from "@/lib/http/security-headers";

// Pages only: a fresh CSP nonce per response (Next.js puts it on its own scripts, which is why
// every page renders dynamically: the root layout is force-dynamic), framing refused, HSTS on https.
// /api/* never comes here (its hot paths are benchmarked); its headers are static (next.config.ts)
// or set by the route wrapper and the handlers outside it (setApiSecurityHeaders).
export function proxy(request: NextRequest) {
  const { nonce, csp, hsts } = pageSecurityHeaders(request.nextUrl.pathname);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  // The page asked for, for the sign-in redirect's callbackUrl (app/_server/viewer.ts): server
  // components are not told their URL. Always overwritten, so a client cannot choose it.
  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  const query = search.toString();
  requestHeaders.set("x-pathname", `${request.nextUrl.pathname}${query ? `?${query}` : ""}`);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = {
  // Not /api, /.well-known (JSON documents, with their headers from next.config.ts), static files.
  matcher: ["/((?!api/|api$|\\.well-known/|_next/static/|_next/image|favicon\\.ico$).*)"],
};
