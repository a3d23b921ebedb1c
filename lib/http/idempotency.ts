import { createHash } from "node:crypto";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { isSealed, seal, unseal } from "@/lib/crypto/secret-box";
import { DomainError } from "@/lib/errors";

const TTL_MS = 24 * 60 * 60 * 1000;
const STALE_CLAIM_MS = 30_000;

// A stored response can carry a secret shown once (a new API key, a client
// secret), so bodies are sealed at rest and opened only to replay them.
export function sealStoredBody(plain: string): string {
  return plain ? seal(plain) : plain;
}

/** Null when the body can't be opened (APP_ENCRYPTION_KEY changed since it was stored). */
export function openStoredBody(stored: string): string | null {
  if (!isSealed(stored)) return stored;
  try {
    return unseal(stored);
  } catch {
    return null;
  }
}

export type StoredResponse = { status: number; body: string; headers: Record<string, string> };

export type IdempotencyClaim =
  | { kind: "new"; id: string }
  | { kind: "replay"; response: StoredResponse };

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

/**
 * Claims the key for this request. Same key + same request → the stored response;
 * same key + another request → 409; still running → 409 (the client retries later).
 */
export async function claimIdempotencyKey(
  db: Db,
  input: { scope: string; key: string; method: string; path: string; fingerprint: string },
): Promise<IdempotencyClaim> {
  if (input.key.length > 255) {
    throw new DomainError("INVALID_REQUEST", "Idempotency-Key must be at most 255 characters", [
      { path: "Idempotency-Key", message: "Too long" },
    ]);
  }
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, input.scope), eq(idempotencyKeys.key, input.key), lt(idempotencyKeys.expiresAt, new Date())));
  const inserted = await db
    .insert(idempotencyKeys)
    .values({
      scope: input.scope,
      key: input.key,
      method: input.method,
      path: input.path,
      requestHash: input.fingerprint,
      expiresAt: new Date(Date.now() + TTL_MS),
    })
    .onConflictDoNothing()
    .returning({ id: idempotencyKeys.id });
  if (inserted[0]) return { kind: "new", id: inserted[0].id };

  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, input.scope), eq(idempotencyKeys.key, input.key)))
    .limit(1);
  if (!existing) throw new DomainError("IDEMPOTENCY_IN_PROGRESS", "Retry the request");
  if (existing.requestHash !== input.fingerprint) {
    throw new DomainError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used with a different request", [
      { path: "Idempotency-Key", message: "Already used for another request" },
    ]);
  }
  if (existing.responseStatus == null) {
    // A claim that never completed (its process died mid-request) is taken over
    // after a while; handlers that create things guard against duplicates themselves.
    const taken = await db
      .update(idempotencyKeys)
      .set({ createdAt: new Date() })
      .where(and(eq(idempotencyKeys.id, existing.id), isNull(idempotencyKeys.responseStatus), lt(idempotencyKeys.createdAt, new Date(Date.now() - STALE_CLAIM_MS))))
      .returning({ id: idempotencyKeys.id });
    if (taken[0]) return { kind: "new", id: taken[0].id };
    throw new DomainError("IDEMPOTENCY_IN_PROGRESS", "A request with this Idempotency-Key is still being processed");
  }
  const body = openStoredBody(existing.responseBody ?? "");
  // Re-running the request could create a duplicate; refusing is the safe answer.
  if (body === null) throw new DomainError("CONFLICT", "The stored response for this Idempotency-Key can no longer be read; send a new key");
  return { kind: "replay", response: { status: existing.responseStatus, body, headers: existing.responseHeaders ?? {} } };
}

export async function completeIdempotencyKey(db: Db, id: string, response: StoredResponse) {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: response.status, responseBody: sealStoredBody(response.body), responseHeaders: response.headers })
    .where(eq(idempotencyKeys.id, id));
}

/** Server errors are not stored: the client may retry with the same key. */
export async function releaseIdempotencyKey(db: Db, id: string) {
  await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, id));
}
