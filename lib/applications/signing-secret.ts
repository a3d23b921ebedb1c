import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { applications } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { seal, unseal } from "@/lib/crypto/secret-box";
import { DomainError } from "@/lib/errors";
import { SECRET_OVERLAP_MS } from "@/lib/webhooks/endpoint-secret";
import { generateWebhookSecret } from "@/lib/webhooks/transport/sign";
import { loadApp } from "./application-queries";
import { requireOwner } from "./manage-applications";
import type { SigningSecret } from "./schemas";

// The app's webhook signing secret works like an endpoint's: sealed at rest (it must sign, so it
// cannot be a hash), revealable to the owner, and rotated with a 24 h overlap during which
// deliveries carry both signatures.

type Row = typeof applications.$inferSelect;

function toSecret(r: Row, now = new Date()): SigningSecret {
  const overlap = !!r.previousSigningSecretCiphertext && !!r.previousSigningSecretExpiresAt && r.previousSigningSecretExpiresAt > now;
  return {
    secret: unseal(r.signingSecretCiphertext!),
    previousSecret: overlap ? unseal(r.previousSigningSecretCiphertext!) : null,
    previousSecretExpiresAt: overlap ? r.previousSigningSecretExpiresAt!.toISOString() : null,
  };
}

const notYet = () => new DomainError("CONFLICT", "The signing secret is created when the application is first published", [{ path: "status", message: "not published yet" }]);

export async function revealSigningSecret(db: Db, principal: Principal, id: string): Promise<SigningSecret> {
  const l = await loadApp(db, principal, id);
  requireOwner(principal, l);
  if (!l.app.signingSecretCiphertext) throw notYet();
  return toSecret(l.app);
}

export async function rotateSigningSecret(db: Db, principal: Principal, id: string): Promise<SigningSecret> {
  return db.transaction(async (tx) => {
    const l = await loadApp(tx, principal, id, { forUpdate: true });
    requireOwner(principal, l);
    if (!l.app.signingSecretCiphertext) throw notYet();
    const [row] = await tx
      .update(applications)
      .set({
        signingSecretCiphertext: seal(generateWebhookSecret()),
        previousSigningSecretCiphertext: l.app.signingSecretCiphertext,
        previousSigningSecretExpiresAt: new Date(Date.now() + SECRET_OVERLAP_MS),
        updatedAt: new Date(),
      })
      .where(eq(applications.id, l.app.id))
      .returning();
    return toSecret(row);
  });
}
