import { route } from "@/lib/http/route";
import { EventStatsQuery } from "@/lib/events/schemas";
import { webhookStats } from "@/lib/webhooks/webhook-stats";

export const GET = route({ scopes: ["read:webhooks"], query: EventStatsQuery }, ({ db, principal, query }) => webhookStats(db, principal, query));
