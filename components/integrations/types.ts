// The Integrations API's shapes as these pages read them (lib/integrations/schemas.ts and
// lib/integrations/health/schemas.ts are the source; types only, so no server code is bundled).

export type {
  Integration,
  IntegrationError,
  IntegrationMetrics,
  Mapping,
  MappingList,
  MappingPreview,
  MetricsDay as MetricDay,
  PlatformField,
  Transform,
} from "@/lib/integrations/schemas";
export type { HealthCheck, HealthCheckResult, Uptime } from "@/lib/integrations/health/schemas";

// The same lists as lib/integrations/schemas.ts (a client bundle must not pull zod schemas in for two arrays).
export const integrationStatuses = ["pending", "active", "degraded", "failed", "disconnected"] as const satisfies readonly import("@/lib/integrations/schemas").Integration["status"][];
export type IntegrationStatus = (typeof integrationStatuses)[number];

export const transforms = ["none", "trim", "lowercase", "uppercase", "cents_to_decimal", "date_iso"] as const satisfies readonly import("@/lib/integrations/schemas").Transform[];
