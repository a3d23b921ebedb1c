import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { PageQuery } from "@/lib/pagination/cursor";
import { listTimeline } from "@/lib/applications/history";

export const GET = route({ scopes: ["read:applications"], query: PageQuery }, ({ db, principal, params, query }) => listTimeline(db, principal, params.id, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
