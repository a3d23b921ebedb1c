import { route } from "@/lib/http/route";
import { EventStatsQuery } from "@/lib/events/schemas";
import { webhookStats } from "@/lib/webhooks/webhook-stats";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:webhooks"], query: EventStatsQuery }, ({ db, principal, query }) => webhookStats(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
