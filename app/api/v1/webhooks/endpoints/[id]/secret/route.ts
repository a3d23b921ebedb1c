import { route } from "@/lib/http/route";
import { revealEndpointSecret } from "@/lib/webhooks/endpoint-secret";
import { otherMethods } from "@/lib/http/method-not-allowed";

// Revealing a signing secret is sensitive: it needs write access, not just read.
export const GET = route({ scopes: ["write:webhooks"] }, ({ db, principal, params }) => revealEndpointSecret(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
