import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { createClient, listClients } from "@/lib/oauth/manage-clients";
import { CreateOAuthClient, ListOAuthClientsQuery } from "@/lib/oauth/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:applications"], query: ListOAuthClientsQuery }, ({ db, principal, query }) => listClients(db, principal, query));

export const POST = route({ scopes: ["write:applications"], body: CreateOAuthClient, audit: "oauth_client.created" }, async ({ db, principal, body }) =>
  Reply.created(await createClient(db, principal, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
