import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/webhooks/manage-endpoints";
import { UpdateEndpoint } from "@/lib/webhooks/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:webhooks"] }, ({ db, principal, params }) => getEndpoint(db, principal, params.id));

export const PATCH = route({ scopes: ["write:webhooks"], body: UpdateEndpoint, audit: "webhook_endpoint.updated" }, ({ db, principal, params, body }) =>
  updateEndpoint(db, principal, params.id, body),
);

export const DELETE = route({ scopes: ["write:webhooks"], audit: "webhook_endpoint.deleted" }, async ({ db, principal, params }) => {
  await deleteEndpoint(db, principal, params.id);
  return Reply.noContent();
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
