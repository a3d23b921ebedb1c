import type { Principal } from "@/lib/auth/principal";
import { DomainError, Unauthenticated } from "@/lib/errors";
import { registerBearerResolver } from "@/lib/http/authenticate";
import { KEY_PREFIX } from "./key-format";
import type { KeyRecord } from "./key-cache";
import { verifyKey } from "./verify-key";

const failures = {
  NOT_FOUND: ["INVALID_CREDENTIAL", "The API key is not valid"],
  REVOKED: ["KEY_REVOKED", "The API key was revoked"],
  EXPIRED: ["KEY_EXPIRED", "The API key has expired"],
  PARTNER_SUSPENDED: ["PARTNER_SUSPENDED", "The partner that owns this key is not active"],
  RATE_LIMITED: ["RATE_LIMITED", "Rate limited"],
} as const;

export function keyPrincipal(record: KeyRecord, limit: number): Principal {
  return {
    type: "api_key",
    userId: null,
    partnerId: record.partnerId,
    partnerRole: null,
    accountId: null,
    isPlatformAdmin: false,
    scopes: record.scopes,
    credentialId: record.id,
    rateLimit: { bucket: `key:${record.id}`, limit },
    meter: { credentialType: "api_key", credentialId: record.id },
  };
}

registerBearerResolver({
  method: "api_key",
  matches: (token) => token.startsWith("prt_"),
  resolve: async (db, token) => {
    if (!token.startsWith(KEY_PREFIX)) throw new Unauthenticated("The API key is not valid", "INVALID_CREDENTIAL");
    const result = await verifyKey(db, token);
    if (result.valid) return keyPrincipal(result.record, result.limit);
    const [code, message] = failures[result.code];
    throw new DomainError(code, message);
  },
});
