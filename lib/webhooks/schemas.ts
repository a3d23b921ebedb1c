import { z } from "zod";
import { Instant } from "@/lib/validation/instant";
import { PageQuery } from "@/lib/pagination/cursor";

const Pattern = z
  .string()
  .regex(/^(\*|[a-z][a-z0-9_]*\.(\*|[a-z][a-z0-9_]*))$/, "an event type (lead.created), an area wildcard (lead.*) or *");

export const WebhookEndpoint = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    status: z.enum(["enabled", "disabled"]),
    disabledReason: z.string().nullable(),
    failingSince: z.iso.datetime().nullable(),
    lastSuccessAt: z.iso.datetime().nullable(),
    secretRotating: z.boolean().describe("True while the previous secret still signs too (24 h after a rotation)"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

export const CreatedWebhookEndpoint = WebhookEndpoint.extend({ secret: z.string().describe("whsec_<base64>; also readable later at /secret") }).meta({
  id: "CreatedWebhookEndpoint",
});

export const CreateEndpoint = z
  .object({
    url: z.string().trim().max(2000),
    eventTypes: z.array(Pattern).min(1, "subscribe to at least one event type").max(100),
    description: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: "CreateWebhookEndpoint" });
export type CreateEndpoint = z.infer<typeof CreateEndpoint>;

export const UpdateEndpoint = z
  .object({
    url: z.string().trim().max(2000).optional(),
    eventTypes: z.array(Pattern).min(1).max(100).optional(),
    description: z.string().trim().max(500).optional(),
    status: z.enum(["enabled", "disabled"]).optional(),
  })
  .strict()
  .meta({ id: "UpdateWebhookEndpoint" });
export type UpdateEndpoint = z.infer<typeof UpdateEndpoint>;

export const EndpointSecret = z.object({ secret: z.string(), previousSecret: z.string().nullable(), previousSecretExpiresAt: z.iso.datetime().nullable() }).meta({ id: "WebhookEndpointSecret" });

export const TestEvent = z.object({ type: z.string().optional().describe("Which event type to send a sample of (default: the first subscribed)") }).strict();

export const deliveryStatuses = ["pending", "succeeded", "failed", "dead"] as const;

export const Attempt = z.object({
  attemptNumber: z.number().int(),
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string(),
  responseStatus: z.number().int().nullable(),
  responseHeaders: z.record(z.string(), z.string()).nullable(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  startedAt: z.iso.datetime(),
});

export const Delivery = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    endpointId: z.uuid(),
    eventType: z.string(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastResponseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    isTest: z.boolean(),
    createdAt: z.iso.datetime(),
    attemptsLog: z.array(Attempt).optional(),
  })
  .meta({ id: "WebhookDelivery" });
export type Delivery = z.infer<typeof Delivery>;

export const ListDeliveriesQuery = PageQuery.extend({
  status: z.enum(deliveryStatuses).optional(),
  endpointId: z.uuid().optional(),
  eventType: z.string().max(100).optional(),
  eventId: z.uuid().optional(),
  from: Instant().optional(),
  to: Instant().optional(),
});
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;

export const WebhookStats = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    byStatus: z.object({ pending: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), dead: z.number().int() }),
    endpoints: z.array(
      z.object({ endpointId: z.uuid(), url: z.string(), attempts: z.number().int(), successRate: z.number(), p50Ms: z.number().nullable(), p95Ms: z.number().nullable() }),
    ),
  })
  .meta({ id: "WebhookStats" });

export const ReplayRequest = z
  .object({
    endpointId: z.uuid(),
    from: Instant(),
    to: Instant(),
    types: z.array(Pattern).max(100).optional(),
  })
  .strict()
  .refine((r) => Date.parse(r.from) <= Date.parse(r.to), { path: ["from"], message: "must not be after `to`" })
  .meta({ id: "ReplayRequest" });
export type ReplayRequest = z.infer<typeof ReplayRequest>;
