import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

// Standard Webhooks signing, delegated to the reference library so partners'
// verifiers (which mostly use the same library) agree with us byte for byte.

export type WebhookSignatureHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** `whsec_` + base64 of 32 random bytes (the spec allows 24 to 64). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * Headers for one delivery attempt. `secrets` is the current secret first,
 * then the previous one during a rotation: one `v1,<sig>` each, so receivers
 * verify with whichever they hold. `timestamp` is the time of the attempt,
 * not the event's: receivers reject timestamps more than 5 minutes old, and
 * retries (or a manual redelivery) run much later. `body` must be the exact
 * string sent.
 */
// A Webhook instance decodes its secret once; busy endpoints reuse theirs.
const signers = new Map<string, Webhook>();
function signerFor(secret: string): Webhook {
  let w = signers.get(secret);
  if (!w) {
    if (signers.size > 10_000) signers.clear();
    w = new Webhook(secret);
    signers.set(secret, w);
  }
  return w;
}

export function signPayload(input: {
  secrets: string[];
  msgId: string;
  timestamp: Date;
  body: string;
}): WebhookSignatureHeaders {
  const { secrets, msgId, timestamp, body } = input;
  // An unsigned delivery would be silently unverifiable: fail loudly instead.
  if (secrets.length === 0) throw new Error("signPayload needs at least one secret");
  const signatures = [...new Set(secrets)].map((s) => signerFor(s).sign(msgId, timestamp, body));
  return {
    "webhook-id": msgId,
    // The library signs whole seconds; the header must carry the same number.
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
