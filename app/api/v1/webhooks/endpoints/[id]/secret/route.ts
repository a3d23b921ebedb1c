import { route } from "@/lib/http/route";
import { revealEndpointSecret } from "@/lib/webhooks/endpoint-secret";

// Revealing a signing secret is sensitive: it needs write access, not just read.
export const GET = route({ scopes: ["write:webhooks"] }, ({ db, principal, params }) => revealEndpointSecret(db, principal, params.id));
