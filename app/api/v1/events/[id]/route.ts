import { route } from "@/lib/http/route";
import { getEvent } from "@/lib/events/list-events";

export const GET = route({ scopes: ["read:events"] }, ({ db, principal, params }) => getEvent(db, principal, params.id));
