import { z } from "zod";
import { Instant } from "@/lib/validation/instant";
import { PageQuery } from "@/lib/pagination/cursor";
import { Delivery } from "@/lib/webhooks/schemas";

export const EventTypeName = z
  .string()
  .regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, "use <area>.<action>, lowercase, e.g. lead.created");

export const EventType = z
  .object({
    name: z.string(),
    area: z.string(),
    description: z.string(),
    version: z.number().int(),
    payloadSchema: z.record(z.string(), z.unknown()).describe("JSON Schema (2020-12) of `data`"),
    examplePayload: z.record(z.string(), z.unknown()),
    deprecated: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "EventType" });
export type EventType = z.infer<typeof EventType>;

export const EventTypeCatalog = z
  .object({ data: z.array(EventType), areas: z.array(z.object({ area: z.string(), types: z.array(z.string()) })) })
  .meta({ id: "EventTypeCatalog" });

export const CreateEventType = z
  .object({
    name: EventTypeName,
    description: z.string().trim().min(1).max(500),
    payloadSchema: z.record(z.string(), z.unknown()).refine((s) => s.type === "object", "must be a JSON Schema with type: object"),
    examplePayload: z.record(z.string(), z.unknown()),
  })
  .strict()
  .meta({ id: "CreateEventType" });
export type CreateEventType = z.infer<typeof CreateEventType>;

export const PublishEvent = z
  .object({
    type: EventTypeName,
    data: z.record(z.string(), z.unknown()),
    accountId: z.uuid().optional().describe("Deliver to partners with an active integration for this account"),
    partnerId: z.uuid().optional().describe("Deliver to this partner's endpoints"),
  })
  .strict()
  .meta({ id: "PublishEvent" });
export type PublishEvent = z.infer<typeof PublishEvent>;

export const PublishedEvent = z
  .object({ id: z.uuid(), type: z.string(), createdAt: z.iso.datetime(), deliveries: z.number().int() })
  .meta({ id: "PublishedEvent" });

export const PlatformEvent = z
  .object({
    id: z.uuid(),
    type: z.string(),
    data: z.record(z.string(), z.unknown()),
    accountId: z.uuid().nullable(),
    accountName: z.string().nullable().describe("The target account's name, so readers need not look the id up"),
    partnerId: z.uuid().nullable(),
    partnerName: z.string().nullable().describe("The target partner's name"),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Event" });
export type PlatformEvent = z.infer<typeof PlatformEvent>;

/** One delivery of an event, named: whose endpoint it went to and where. */
export const EventDelivery = Delivery.omit({ attemptsLog: true })
  .extend({
    partnerId: z.uuid(),
    partnerName: z.string().nullable(),
    endpointUrl: z.string().nullable(),
    endpointDescription: z.string().nullable(),
  })
  .meta({ id: "EventDelivery" });
export type EventDelivery = z.infer<typeof EventDelivery>;

export const EventDetail = PlatformEvent.extend({ deliveries: z.array(EventDelivery) }).meta({ id: "EventDetail" });
export type EventDetail = z.infer<typeof EventDetail>;

export const ListEventsQuery = PageQuery.extend({
  type: z.string().max(100).optional().describe("Exact type or a wildcard like lead.*"),
  from: Instant().optional(),
  to: Instant().optional(),
  partnerId: z.uuid().optional().describe("Admins only"),
});
export type ListEventsQuery = z.infer<typeof ListEventsQuery>;

export const EventStatsQuery = z.object({
  from: Instant().optional(),
  to: Instant().optional(),
});

export const EventStats = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    total: z.number().int(),
    byType: z.array(z.object({ type: z.string(), count: z.number().int() })),
    deliveries: z.object({ pending: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), dead: z.number().int() }),
  })
  .meta({ id: "EventStats" });
export type EventStats = z.infer<typeof EventStats>;
