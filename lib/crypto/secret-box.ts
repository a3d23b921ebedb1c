import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { config } from "@/lib/config";

// Values that must be readable again later (webhook signing secrets, stored
// idempotent responses that carry a once-shown secret) are sealed at rest with
// APP_ENCRYPTION_KEY using AES-256-GCM: confidential and tamper-evident.
const PREFIX = "sealed:v1:";

function key(): Buffer {
  return Buffer.from(config().APP_ENCRYPTION_KEY, "base64");
}

export function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** Throws if the value was sealed under another key or altered. */
export function unseal(sealed: string): string {
  if (!isSealed(sealed)) throw new Error("not a sealed value");
  const raw = Buffer.from(sealed.slice(PREFIX.length), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
