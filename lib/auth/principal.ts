import type { PartnerRole } from "@/lib/partners/schemas";

/** Who is calling: resolved once per request by lib/http, passed to every domain function. */
export type Principal = {
  type: "session" | "api_key" | "oauth";
  userId: string | null;
  partnerId: string | null;
  partnerRole: PartnerRole | null;
  accountId: string | null;
  isPlatformAdmin: boolean;
  scopes: string[];
  /** The API key or OAuth token id, for metering and rate limits. */
  credentialId: string | null;
  /** Bearer credentials are rate-limited: which bucket, at how many requests per minute. */
  rateLimit?: { bucket: string; limit: number };
  /** For metering: which credential to count the call against (an OAuth client, not each token). */
  meter?: { credentialType: "api_key" | "oauth_client"; credentialId: string };
  /** A token of a deprecated application: responses announce when it stops working (RFC 8594, RFC 9745). */
  sunset?: { deprecatedAt: Date; sunsetAt: Date };
};

export function isAdmin(p: Principal): boolean {
  return p.isPlatformAdmin || p.scopes.includes("admin");
}

/** A stable string naming the caller, for idempotency scopes and audit rows. */
export function principalKey(p: Principal): string {
  if (p.type === "session") return `user:${p.userId}`;
  return `${p.type}:${p.credentialId}`;
}
