import { otherMethods } from "@/lib/http/method-not-allowed";
import { route } from "@/lib/http/route";
import { PageQuery } from "@/lib/pagination/cursor";
import { listActivity } from "@/lib/partners/list-activity";

export const GET = route({ scopes: ["read:partners"], query: PageQuery }, ({ db, principal, params, query }) => listActivity(db, principal, params.id, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
