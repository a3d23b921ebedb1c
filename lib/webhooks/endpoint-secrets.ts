import type { webhookEndpoints } from "@/db/schema";
import { unseal } from "@/lib/crypto/secret-box";

/** The secrets to sign with now: the current one, plus the previous one while a rotation's overlap lasts. */
export function signingSecrets(
  e: Pick<typeof webhookEndpoints.$inferSelect, "secretCiphertext" | "previousSecretCiphertext" | "previousSecretExpiresAt">,
  now = new Date(),
): string[] {
  const secrets = [unseal(e.secretCiphertext)];
  if (e.previousSecretCiphertext && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now) {
    secrets.push(unseal(e.previousSecretCiphertext));
  }
  return secrets;
}
