import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { listEvents } from "@/lib/events/list-events";
import { publishEvent } from "@/lib/events/publish-event";
import { ListEventsQuery, PublishEvent } from "@/lib/events/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:events"], query: ListEventsQuery }, ({ db, principal, query }) => listEvents(db, principal, query));

export const POST = route({ scopes: ["write:events"], body: PublishEvent, audit: false }, async ({ db, principal, body, idempotencyKey }) =>
  Reply.accepted(await publishEvent(db, principal, body, { idempotencyKey })),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
