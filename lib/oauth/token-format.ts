import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// Public client ids `prtc_…`, client secrets `prts_…`, access tokens `prto_…`:
// fixed prefixes so secret scanners can match leaks. Secrets and tokens carry
// 256 random bits in base62; only their SHA-256 is stored.

export const CLIENT_ID_PREFIX = "prtc_";
export const CLIENT_SECRET_PREFIX = "prts_";
export const ACCESS_TOKEN_PREFIX = "prto_";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const SECRET_LENGTH = 43; // ceil(256 / log2(62))

function base62(bytes: Buffer, length: number): string {
  let n = BigInt(`0x${bytes.toString("hex") || "0"}`);
  let out = "";
  while (n > 0n) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(length, "0").slice(-length);
}

export const generateClientId = () => `${CLIENT_ID_PREFIX}${base62(randomBytes(16), 22)}`;
export const generateClientSecret = () => `${CLIENT_SECRET_PREFIX}${base62(randomBytes(32), SECRET_LENGTH)}`;
export const generateAccessToken = () => `${ACCESS_TOKEN_PREFIX}${base62(randomBytes(32), SECRET_LENGTH)}`;

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time comparison of a presented secret with a stored SHA-256 (hex). */
export function secretMatches(presented: string, storedHash: string | null): boolean {
  const actual = Buffer.from(hashSecret(presented), "hex");
  // Without a stored hash, still compare against something of the same length.
  const expected = storedHash && /^[0-9a-f]{64}$/.test(storedHash) ? Buffer.from(storedHash, "hex") : Buffer.alloc(32);
  return timingSafeEqual(actual, expected) && storedHash !== null;
}
