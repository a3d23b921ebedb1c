import type { BodyEvent, SendingEndpoint } from "./delivery-job";
import { previousSecretLive, signingSecrets } from "./endpoint-secrets";
import { webhookBody } from "./webhook-body";

// Unsealing a secret costs an AES-GCM decryption; busy endpoints reuse the
// result while their ciphertexts and rotation state are unchanged (compared
// field by field: no key string built per attempt).
type Unsealed = { current: string; previous: string | null; rotating: boolean; secrets: string[] };
const secretCache = new Map<string, Unsealed>();

function secretsFor(e: SendingEndpoint, now: Date): string[] {
  const rotating = previousSecretLive(e, now);
  const hit = secretCache.get(e.id);
  if (hit && hit.current === e.secretCiphertext && hit.rotating === rotating && (!rotating || hit.previous === e.previousSecretCiphertext)) {
    return hit.secrets;
  }
  const secrets = signingSecrets(e, now);
  if (secretCache.size > 10_000) secretCache.clear();
  secretCache.set(e.id, { current: e.secretCiphertext, previous: e.previousSecretCiphertext, rotating, secrets });
  return secrets;
}

// A fan-out sends one event to many endpoints in the same batch: serialise it once.
const bodies = new Map<string, string>();
function bodyOf(event: BodyEvent): string {
  let b = bodies.get(event.id);
  if (b === undefined) {
    if (bodies.size > 2_000) bodies.clear();
    b = webhookBody(event);
    bodies.set(event.id, b);
  }
  return b;
}

/** What one attempt signs and sends: the body built from the stored event, and every live secret. */
export function prepareRequest(endpoint: SendingEndpoint, event: BodyEvent, now: Date): { body: string; secrets: string[] } {
  return { body: bodyOf(event), secrets: secretsFor(endpoint, now) };
}
