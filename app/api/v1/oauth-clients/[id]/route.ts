import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { deleteClient, getClient, updateClient } from "@/lib/oauth/manage-clients";
import { UpdateOAuthClient } from "@/lib/oauth/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:applications"] }, ({ db, principal, params }) => getClient(db, principal, params.id));

export const PATCH = route({ scopes: ["write:applications"], body: UpdateOAuthClient, audit: "oauth_client.updated" }, ({ db, principal, params, body }) =>
  updateClient(db, principal, params.id, body),
);

export const DELETE = route({ scopes: ["write:applications"], audit: "oauth_client.deleted" }, async ({ db, principal, params }) => {
  await deleteClient(db, principal, params.id);
  return Reply.noContent();
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
