import { route } from "@/lib/http/route";
import { rotateEndpointSecret } from "@/lib/webhooks/endpoint-secret";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ scopes: ["write:webhooks"], audit: "webhook_endpoint.secret_rotated" }, ({ db, principal, params }) =>
  rotateEndpointSecret(db, principal, params.id),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
