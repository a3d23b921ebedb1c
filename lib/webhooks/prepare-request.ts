import type { events, webhookEndpoints } from "@/db/schema";
import { signingSecrets } from "./endpoint-secrets";
import { signPayload } from "./transport/sign";
import { webhookBody } from "./webhook-body";

// Unsealing a secret costs an AES-GCM decryption; busy endpoints reuse the result.
const secretCache = new Map<string, string[]>();

function secretsFor(e: typeof webhookEndpoints.$inferSelect, now: Date): string[] {
  const rotating = !!e.previousSecretExpiresAt && e.previousSecretExpiresAt > now;
  const k = `${e.id}|${e.secretCiphertext}|${rotating ? e.previousSecretCiphertext : ""}`;
  let s = secretCache.get(k);
  if (!s) {
    s = signingSecrets(e, now);
    if (secretCache.size > 10_000) secretCache.clear();
    secretCache.set(k, s);
  }
  return s;
}

/** The exact bytes and headers of one attempt: body from the stored event, signatures with every live secret. */
export function prepareRequest(endpoint: typeof webhookEndpoints.$inferSelect, event: typeof events.$inferSelect, now: Date) {
  const body = webhookBody(event);
  const headers = { "content-type": "application/json", ...signPayload({ secrets: secretsFor(endpoint, now), msgId: event.id, timestamp: now, body }) };
  return { body, headers };
}
