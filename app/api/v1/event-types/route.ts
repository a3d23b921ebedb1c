import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { createEventType, listEventTypes } from "@/lib/events/event-types";
import { CreateEventType } from "@/lib/events/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

// The catalog is public reading for anyone signed in or holding a credential.
export const GET = route({}, ({ db }) => listEventTypes(db));

export const POST = route({ admin: true, body: CreateEventType, audit: "event_type.created" }, async ({ db, body }) =>
  Reply.created(await createEventType(db, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
