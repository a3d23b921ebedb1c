import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { requireWithinCeiling } from "@/lib/auth/credential-ceiling";
import type { Principal } from "@/lib/auth/principal";
import { seal, unseal } from "@/lib/crypto/secret-box";
import { endpointRow, toEndpoint } from "./endpoint-queries";
import { previousSecretLive } from "./endpoint-secrets";
import { generateWebhookSecret } from "./transport/sign";

export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

/**
 * What an endpoint's signing secret carries, for the credential ceiling: it grants no
 * API access, so holding it takes what managing the endpoint takes.
 */
export const ENDPOINT_SECRET_SCOPES = ["write:webhooks"] as const;

export async function revealEndpointSecret(db: Db, principal: Principal, id: string) {
  const e = await endpointRow(db, principal, id);
  requireWithinCeiling(principal, ENDPOINT_SECRET_SCOPES, "The endpoint's signing secret");
  const rotating = previousSecretLive(e);
  return {
    secret: unseal(e.secretCiphertext),
    previousSecret: rotating ? unseal(e.previousSecretCiphertext!) : null,
    previousSecretExpiresAt: rotating ? e.previousSecretExpiresAt!.toISOString() : null,
  };
}

/** A new secret; for 24 h deliveries carry signatures with both, so receivers can switch without losing any. */
export async function rotateEndpointSecret(db: Db, principal: Principal, id: string) {
  const e = await endpointRow(db, principal, id);
  requireWithinCeiling(principal, ENDPOINT_SECRET_SCOPES, "The endpoint's signing secret");
  const secret = generateWebhookSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      secretCiphertext: seal(secret),
      previousSecretCiphertext: e.secretCiphertext,
      previousSecretExpiresAt: new Date(Date.now() + SECRET_OVERLAP_MS),
      updatedAt: new Date(),
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return { ...toEndpoint(row), secret };
}
