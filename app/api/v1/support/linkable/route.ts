import { otherMethods } from "@/lib/http/method-not-allowed";
import { route } from "@/lib/http/route";
import { listLinkable } from "@/lib/support/list-linkable";
import { LinkableQuery } from "@/lib/support/schemas";

export const GET = route({ scopes: ["read:support"], query: LinkableQuery }, ({ db, principal, query }) => listLinkable(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
