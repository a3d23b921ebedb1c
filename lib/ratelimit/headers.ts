import type { RateLimitResult } from "./types";

// Header names from CONTRACT.md (IETF RateLimit fields draft, plus Retry-After on 429).
export function rateLimitHeaders(r: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(r.remaining),
    "RateLimit-Reset": String(r.resetSeconds),
  };
  if (!r.allowed) headers["Retry-After"] = String(Math.max(1, r.retryAfterSeconds));
  return headers;
}
