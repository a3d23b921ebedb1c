import { route } from "@/lib/http/route";
import { eventStats } from "@/lib/events/list-events";
import { EventStatsQuery } from "@/lib/events/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:events"], query: EventStatsQuery }, ({ db, principal, query }) => eventStats(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
