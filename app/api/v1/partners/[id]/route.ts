import { route } from "@/lib/http/route";
import { getPartner } from "@/lib/partners/get-partner";
import { UpdatePartner } from "@/lib/partners/schemas";
import { updatePartner } from "@/lib/partners/update-partner";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:partners"] }, ({ db, principal, params }) => getPartner(db, principal, params.id));

export const PATCH = route({ scopes: ["write:partners"], body: UpdatePartner, audit: "partner.updated" }, ({ db, principal, params, body }) =>
  updatePartner(db, principal, params.id, body),
);

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
