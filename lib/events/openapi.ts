import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import { ReplayRequest } from "@/lib/webhooks/schemas";
import { CreateEventType, EventDetail, EventStats, EventStatsQuery, EventType, EventTypeCatalog, ListEventsQuery, PlatformEvent, PublishEvent, PublishedEvent } from "./schemas";

const tags = ["Events"];
const id = z.object({ id: z.uuid() });
const ReplayJob = z
  .object({ id: z.uuid(), endpointId: z.uuid().nullable(), from: z.string(), to: z.string(), types: z.array(z.string()), status: z.string(), total: z.number().int(), processed: z.number().int(), error: z.string().nullable(), createdAt: z.string() })
  .meta({ id: "ReplayJob" });

export const eventPaths: ZodOpenApiPathsObject = {
  "/event-types": {
    get: op({ summary: "The event catalog", tags, response: EventTypeCatalog, description: "The 22 standard types and any added by admins, with their payload JSON Schema, version and an example." }),
    post: op({ summary: "Add an event type (or a new version of one)", tags, admin: true, body: CreateEventType, response: EventType, status: 201 }),
  },
  "/events": {
    get: op({ summary: "List events", tags, scopes: ["read:events"], query: ListEventsQuery, response: PageOf(PlatformEvent, "EventPage") }),
    post: op({
      summary: "Publish an event",
      tags,
      scopes: ["write:events"],
      body: PublishEvent,
      response: PublishedEvent,
      status: 202,
      description:
        "Validates `data` against the type's schema (422 naming the field), stores the event append-only and, in the same transaction, creates a delivery for every enabled endpoint subscribed to the type (exactly or via `area.*`/`*`) of the target partner, or of every partner with an active integration for `accountId`. Platform admins may target anyone; a partner credential publishes to its own partner only.",
    }),
  },
  "/events/{id}": { get: op({ summary: "An event with its deliveries", tags, scopes: ["read:events"], path: id, response: EventDetail, description: "Names come with the ids: the target partner and account, and for each delivery the partner and the endpoint's URL and description." }) },
  "/events/replay": {
    post: op({ summary: "Re-deliver a range of stored events to one endpoint", tags, scopes: ["write:webhooks"], body: ReplayRequest, response: ReplayJob, status: 202, description: "Runs in the background; poll GET /events/replay/{id} for progress." }),
  },
  "/events/replay/{id}": { get: op({ summary: "Replay progress", tags, scopes: ["read:webhooks"], path: id, response: ReplayJob }) },
  "/events/stats": { get: op({ summary: "Event and delivery counts", tags, scopes: ["read:events"], query: EventStatsQuery, response: EventStats }) },
};
