import { route } from "@/lib/http/route";
import { VerifyApiKey } from "@/lib/keys/schemas";
import { verifyKeyForCaller } from "@/lib/keys/verify-key-for-caller";
import { otherMethods } from "@/lib/http/method-not-allowed";

// A verification is a read: no audit row, and a repeated Idempotency-Key must not replay a stale answer.
export const POST = route({ scopes: ["read:keys"], body: VerifyApiKey, audit: false, idempotent: false }, ({ db, principal, body }) =>
  verifyKeyForCaller(db, principal, body.key),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
