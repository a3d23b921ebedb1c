import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { rotateSigningSecret } from "@/lib/applications/signing-secret";

export const POST = route({ scopes: ["write:applications"], audit: "application.signing_secret_rotated" }, ({ db, principal, params }) =>
  rotateSigningSecret(db, principal, params.id),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
