import { route } from "@/lib/http/route";
import { rotateEndpointSecret } from "@/lib/webhooks/endpoint-secret";

export const POST = route({ scopes: ["write:webhooks"], audit: "webhook_endpoint.secret_rotated" }, ({ db, principal, params }) =>
  rotateEndpointSecret(db, principal, params.id),
);
