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
// A fan-out sends one event to many endpoints in the same batch: serialise it once.
const bodies = new Map<string, string>();
function bodyOf(event: typeof events.$inferSelect): string {
  let b = bodies.get(event.id);
  if (b === undefined) {
    if (bodies.size > 2_000) bodies.clear();
    b = webhookBody(event);
    bodies.set(event.id, b);
  }
  return b;
}

export function prepareRequest(endpoint: typeof webhookEndpoints.$inferSelect, event: typeof events.$inferSelect, now: Date) {
  const body = bodyOf(event);
  const headers = { "content-type": "application/json", ...signPayload({ secrets: secretsFor(endpoint, now), msgId: event.id, timestamp: now, body }) };
  return { body, headers };
}
