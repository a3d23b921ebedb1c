import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { deleteContact, updateContact } from "@/lib/partners/contacts";
import { UpdateContact } from "@/lib/partners/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const PATCH = route({ scopes: ["write:partners"], body: UpdateContact, audit: "contact.updated" }, ({ db, principal, params, body }) =>
  updateContact(db, principal, params.id, params.contactId, body),
);

export const DELETE = route({ scopes: ["write:partners"], audit: "contact.deleted" }, async ({ db, principal, params }) => {
  await deleteContact(db, principal, params.id, params.contactId);
  return Reply.noContent();
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
