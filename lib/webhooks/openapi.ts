import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { EventStatsQuery } from "@/lib/events/schemas";
import { op, PageOf } from "@/lib/openapi/operation";
import { PageQuery } from "@/lib/pagination/cursor";
import { CreatedWebhookEndpoint, CreateEndpoint, Delivery, EndpointSecret, ListDeliveriesQuery, TestEvent, UpdateEndpoint, WebhookEndpoint, WebhookStats } from "./schemas";

const tags = ["Webhooks"];
const id = z.object({ id: z.uuid() });

export const webhookPaths: ZodOpenApiPathsObject = {
  "/webhooks/endpoints": {
    get: op({ summary: "List endpoints", tags, scopes: ["read:webhooks"], query: PageQuery, response: PageOf(WebhookEndpoint, "WebhookEndpointPage") }),
    post: op({
      summary: "Add an endpoint",
      tags,
      scopes: ["write:webhooks"],
      body: CreateEndpoint,
      response: CreatedWebhookEndpoint,
      status: 201,
      errors: [409],
      description: "https only (unless WEBHOOK_ALLOW_PRIVATE_URLS); hosts resolving to loopback, private, link-local or metadata addresses are refused, and checked again at each delivery.",
    }),
  },
  "/webhooks/endpoints/{id}": {
    get: op({ summary: "Get an endpoint", tags, scopes: ["read:webhooks"], path: id, response: WebhookEndpoint }),
    patch: op({ summary: "Update, enable or disable an endpoint", tags, scopes: ["write:webhooks"], path: id, body: UpdateEndpoint, response: WebhookEndpoint }),
    delete: op({ summary: "Delete an endpoint", tags, scopes: ["write:webhooks"], path: id, status: 204 }),
  },
  "/webhooks/endpoints/{id}/secret": { get: op({ summary: "Reveal the signing secret", tags, scopes: ["write:webhooks"], path: id, response: EndpointSecret }) },
  "/webhooks/endpoints/{id}/rotate-secret": {
    post: op({ summary: "Rotate the signing secret", tags, scopes: ["write:webhooks"], path: id, response: CreatedWebhookEndpoint, idempotent: true, description: "For 24 h every delivery carries signatures with both secrets." }),
  },
  "/webhooks/endpoints/{id}/test": {
    post: op({ summary: "Send a test event", tags, scopes: ["write:webhooks"], path: id, body: TestEvent, status: 202, response: z.object({ endpoint: WebhookEndpoint, delivery: Delivery }) }),
  },
  "/webhooks/deliveries": { get: op({ summary: "The delivery log", tags, scopes: ["read:webhooks"], query: ListDeliveriesQuery, response: PageOf(Delivery, "DeliveryPage") }) },
  "/webhooks/deliveries/{id}": { get: op({ summary: "A delivery with every attempt", tags, scopes: ["read:webhooks"], path: id, response: Delivery }) },
  "/webhooks/deliveries/{id}/retry": { post: op({ summary: "Retry a delivery now", tags, scopes: ["write:webhooks"], path: id, response: Delivery, idempotent: true }) },
  "/webhooks/deliveries/retry": {
    post: op({ summary: "Retry many deliveries (dead-letter queue)", tags, scopes: ["write:webhooks"], body: z.object({ ids: z.array(z.uuid()).min(1).max(100) }), response: z.object({ data: z.array(Delivery) }) }),
  },
  "/webhooks/stats": { get: op({ summary: "Delivery counts, success rate and latency per endpoint", tags, scopes: ["read:webhooks"], query: EventStatsQuery, response: WebhookStats }) },
};
