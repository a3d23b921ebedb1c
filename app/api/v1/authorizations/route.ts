import { route } from "@/lib/http/route";
import { listAuthorizations } from "@/lib/oauth/authorizations";
import { PageQuery } from "@/lib/pagination/cursor";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ auth: ["session"], query: PageQuery }, ({ db, principal, query }) => listAuthorizations(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
