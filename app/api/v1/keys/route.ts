import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { createKey } from "@/lib/keys/create-key";
import { listKeys } from "@/lib/keys/list-keys";
import { CreateApiKey, ListApiKeysQuery } from "@/lib/keys/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:keys"], query: ListApiKeysQuery }, ({ db, principal, query }) => listKeys(db, principal, query));

export const POST = route({ scopes: ["write:keys"], body: CreateApiKey, audit: "api_key.created" }, async ({ db, principal, body }) =>
  Reply.created(await createKey(db, principal, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
