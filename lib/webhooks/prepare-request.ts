import { applyMappings } from "@/lib/integrations/apply-mappings";
import type { BodyEvent, DeliveryJob, SendingEndpoint } from "./delivery-job";
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

/**
 * The body of one attempt: a retry's stored body (attempt 1 named an integration: resent byte
 * for byte); a first attempt to the partner of an integration in the event's account: the event
 * with `integrationId` and, when the integration has mappings, `mapped`, computed here from the
 * mappings read with the job; otherwise the event's own body, shared by every endpoint.
 * `own`: the body is this delivery's, to be stored with the attempt.
 */
function bodyFor(event: BodyEvent, job?: Pick<DeliveryJob, "integration" | "storedBody">): { body: string; own: boolean } {
  if (job?.storedBody) return { body: job.storedBody, own: true };
  const i = job?.integration;
  if (!i) return { body: bodyOf(event), own: false };
  const mapped = i.mappings.length ? applyMappings({ type: event.type, data: event.data }, i.mappings) : undefined;
  return { body: webhookBody(event, { integrationId: i.id, mapped }), own: true };
}

/** What one attempt signs and sends: the body (see bodyFor), and every live secret. */
export function prepareRequest(
  endpoint: SendingEndpoint,
  event: BodyEvent,
  now: Date,
  job?: Pick<DeliveryJob, "integration" | "storedBody">,
): { body: string; secrets: string[]; bodyIsOwn: boolean } {
  const { body, own } = bodyFor(event, job);
  return { body, secrets: secretsFor(endpoint, now), bodyIsOwn: own };
}
