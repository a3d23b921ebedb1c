import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { revealSigningSecret } from "@/lib/applications/signing-secret";

// Reading a secret is sensitive: write scope, like endpoint secrets.
export const GET = route({ scopes: ["write:applications"] }, ({ db, principal, params }) => revealSigningSecret(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
