import type { webhookEndpoints } from "@/db/schema";
import { unseal } from "@/lib/crypto/secret-box";

type EndpointSecrets = Pick<typeof webhookEndpoints.$inferSelect, "secretCiphertext" | "previousSecretCiphertext" | "previousSecretExpiresAt">;

/** A rotation's overlap is under way: the previous secret still signs. */
export function previousSecretLive(e: Omit<EndpointSecrets, "secretCiphertext">, now = new Date()): boolean {
  return !!e.previousSecretCiphertext && !!e.previousSecretExpiresAt && e.previousSecretExpiresAt > now;
}

/** The secrets to sign with now: the current one, plus the previous one while a rotation's overlap lasts. */
export function signingSecrets(e: EndpointSecrets, now = new Date()): string[] {
  const secrets = [unseal(e.secretCiphertext)];
  if (previousSecretLive(e, now)) secrets.push(unseal(e.previousSecretCiphertext!));
  return secrets;
}
