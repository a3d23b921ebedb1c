import { setApiSecurityHeaders } from "./security-headers";

/** A health or readiness verdict as the probes read it: JSON, never cached, with the API's security headers. */
export function healthResponse(verdict: { status: number; body: Record<string, string> }): Response {
  const res = Response.json(verdict.body, { status: verdict.status, headers: { "cache-control": "no-store" } });
  setApiSecurityHeaders(res.headers);
  return res;
}
