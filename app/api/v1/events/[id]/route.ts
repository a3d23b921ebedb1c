import { route } from "@/lib/http/route";
import { getEvent } from "@/lib/events/list-events";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:events"] }, ({ db, principal, params }) => getEvent(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
