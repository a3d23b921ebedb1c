export type Endpoint = {
  id: string;
  partnerId: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  status: "enabled" | "disabled";
  disabledReason: string | null;
  failingSince: string | null;
  lastSuccessAt: string | null;
  secretRotating: boolean;
  createdAt: string;
  updatedAt: string;
};

export type EndpointWithSecret = Endpoint & { secret: string };

export type EndpointSecret = { secret: string; previousSecret: string | null; previousSecretExpiresAt: string | null };

export type DeliveryStatus = "pending" | "succeeded" | "failed" | "dead";

export type Delivery = {
  id: string;
  eventId: string;
  endpointId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  isTest: boolean;
  createdAt: string;
};

export type DeliveryAttempt = {
  attemptNumber: number;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: unknown;
  error: string | null;
  durationMs: number | null;
  startedAt: string;
};

export type DeliveryDetail = Delivery & { attemptsLog: DeliveryAttempt[] };

export type EndpointStats = { endpointId: string; url: string; attempts: number; successRate: number; p50Ms: number | null; p95Ms: number | null };

export type WebhookStats = {
  from: string;
  to: string;
  byStatus: Record<DeliveryStatus, number>;
  endpoints: EndpointStats[];
};

export type EventType = {
  name: string;
  area: string;
  description: string;
  version: string | number;
  payloadSchema: unknown;
  examplePayload: unknown;
  deprecated: boolean;
};

export type EventTypeCatalog = { data: EventType[]; areas: { area: string; types: string[] }[] };

export type ReplayJob = { id: string; status: string; total: number; processed: number; [k: string]: unknown };

export type WebhookTab = "endpoints" | "log" | "replay" | "verify";
