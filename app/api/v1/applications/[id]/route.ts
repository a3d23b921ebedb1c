import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getApplication } from "@/lib/applications/application-queries";
import { deleteApplication, updateApplication } from "@/lib/applications/manage-applications";
import { UpdateApplication } from "@/lib/applications/schemas";

export const GET = route({ scopes: ["read:applications"] }, ({ db, principal, params }) => getApplication(db, principal, params.id));

export const PATCH = route({ scopes: ["write:applications"], body: UpdateApplication, audit: "application.updated" }, ({ db, principal, params, body }) =>
  updateApplication(db, principal, params.id, body),
);

export const DELETE = route({ scopes: ["write:applications"], audit: "application.deleted" }, async ({ db, principal, params }) => {
  await deleteApplication(db, principal, params.id);
  return Reply.noContent();
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
