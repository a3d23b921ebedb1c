import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { PageQuery } from "@/lib/pagination/cursor";
import { createContact, listContacts } from "@/lib/partners/contacts";
import { CreateContact } from "@/lib/partners/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:partners"], query: PageQuery }, ({ db, principal, params, query }) =>
  listContacts(db, principal, params.id, query),
);

export const POST = route({ scopes: ["write:partners"], body: CreateContact, audit: "contact.created" }, async ({ db, principal, params, body }) =>
  Reply.created(await createContact(db, principal, params.id, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
