import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";

// Shapes of the Integrations API (an installed app in a customer account: its settings, field
// mappings, metrics and errors). Install/uninstall and health checks have their own files.

export const integrationStatuses = ["pending", "active", "degraded", "failed", "disconnected"] as const;
export type IntegrationStatusName = (typeof integrationStatuses)[number];

export const SecretField = z
  .object({
    name: z.string(),
    set: z.boolean().describe("Whether a value is stored (it is never returned)"),
  })
  .meta({ id: "IntegrationSecretField" });

export const Integration = z
  .object({
    id: z.uuid(),
    status: z.enum(integrationStatuses),
    accountId: z.uuid(),
    account: z.object({ name: z.string() }),
    application: z.object({ id: z.uuid(), name: z.string() }),
    listing: z.object({ slug: z.string() }).nullable().describe("Null if the listing was deleted"),
    partner: z.object({ id: z.uuid(), name: z.string() }),
    config: z
      .record(z.string(), z.unknown())
      .describe("The settings, without secret fields (those marked `format: \"password\"` or `writeOnly` in the app's configSchema): see `secretFields`"),
    secretFields: z.array(SecretField).describe("Every secret setting of the app's configSchema and whether it is set; values are never returned"),
    installedAt: z.iso.datetime().describe("When the install started (the consent page)"),
    connectedAt: z.iso.datetime().nullable().describe("When the installer authorized it; null while pending"),
    uninstalledAt: z.iso.datetime().nullable(),
    lastHealthCheckAt: z.iso.datetime().nullable(),
    lastHealthStatus: z.string().nullable(),
    consecutiveFailures: z.number().int(),
    /** What the caller may do with it: drives the portal's buttons. */
    canConfigure: z.boolean().describe("Whether the caller may change its settings and mappings (an owner or admin of the account)"),
  })
  .meta({ id: "Integration" });
export type Integration = z.infer<typeof Integration>;

export const ListIntegrationsQuery = PageQuery.extend({
  status: z.enum(integrationStatuses).optional(),
  applicationId: z.uuid().optional(),
  app: z.uuid().optional().describe("The same as applicationId"),
  accountId: z.uuid().optional().describe("Only this account's (a customer in several accounts, a partner or an admin)"),
}).meta({ id: "ListIntegrationsQuery" });
export type ListIntegrationsQuery = z.infer<typeof ListIntegrationsQuery>;

export const IntegrationPage = z.object({ data: z.array(Integration), nextCursor: z.string().nullable() }).meta({ id: "IntegrationPage" });

export const UpdateIntegration = z
  .object({
    config: z
      .record(z.string().max(200), z.unknown())
      .describe(
        "The settings, validated against the app's live configSchema (422 naming `config.<field>`). Replaces the non-secret settings; a secret field left out keeps its stored value, `null` clears it.",
      ),
  })
  .strict()
  .meta({ id: "UpdateIntegration" });
export type UpdateIntegration = z.infer<typeof UpdateIntegration>;

// ---- Field mappings

export const transforms = ["none", "trim", "lowercase", "uppercase", "cents_to_decimal", "date_iso"] as const;
export type Transform = (typeof transforms)[number];

const noControl = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

export const Mapping = z
  .object({
    sourceField: z.string().trim().min(1).max(200).describe("A platform field from GET /integrations/fields, e.g. `lead.contact.email`"),
    targetField: z.string().trim().min(1).max(200).refine(noControl, "must not contain control characters").describe("A field of the app (one of its `mappableFields` when it lists them)"),
    transform: z.enum(transforms).default("none"),
  })
  .strict()
  .meta({ id: "IntegrationMapping" });
export type Mapping = z.output<typeof Mapping>;

export const MAX_MAPPINGS = 200;

export const ReplaceMappings = z
  .object({ mappings: z.array(Mapping).max(MAX_MAPPINGS) })
  .strict()
  .meta({ id: "ReplaceIntegrationMappings" });
export type ReplaceMappings = z.output<typeof ReplaceMappings>;

export const MappingList = z
  .object({
    data: z.array(Mapping.extend({ updatedAt: z.iso.datetime() })),
    targetFields: z.array(z.string()).describe("The app's mappableFields (empty: any target field)"),
  })
  .meta({ id: "IntegrationMappingList" });
export type MappingList = z.infer<typeof MappingList>;

export const PreviewMappings = z
  .object({
    event: z
      .object({
        type: z.string().min(1).max(100).describe("An event type, e.g. `lead.created`"),
        data: z.record(z.string(), z.unknown()).optional().describe("The event's data; default: the type's example payload"),
      })
      .strict(),
    mappings: z.array(Mapping).max(MAX_MAPPINGS).optional().describe("Unsaved mappings to try instead of the stored ones"),
  })
  .strict()
  .meta({ id: "PreviewIntegrationMappings" });
export type PreviewMappings = z.output<typeof PreviewMappings>;

export const MappingPreview = z
  .object({
    type: z.string(),
    data: z.record(z.string(), z.unknown()),
    mapped: z.record(z.string(), z.unknown()).describe("Target field → value, as the webhook's `mapped` would carry it"),
    results: z.array(
      z.object({
        sourceField: z.string(),
        targetField: z.string(),
        transform: z.enum(transforms),
        applies: z.boolean().describe("Whether the source field is of this event's family and present in its data"),
        input: z.unknown().optional(),
        output: z.unknown().optional(),
      }),
    ),
  })
  .meta({ id: "IntegrationMappingPreview" });
export type MappingPreview = z.infer<typeof MappingPreview>;

export const fieldTypes = ["string", "integer", "number", "boolean", "object", "array", "null", "unknown"] as const;
export type FieldType = (typeof fieldTypes)[number];

export const PlatformField = z
  .object({
    field: z.string().describe("Dotted path prefixed by the event family, e.g. `lead.contact.email`"),
    family: z.string(),
    type: z.enum(fieldTypes),
    format: z.string().optional(),
    enum: z.array(z.unknown()).optional(),
    description: z.string().optional(),
    eventTypes: z.array(z.string()).describe("The event types that carry it"),
  })
  .meta({ id: "PlatformField" });
export type PlatformField = z.infer<typeof PlatformField>;

export const PlatformFieldList = z.object({ data: z.array(PlatformField) }).meta({ id: "PlatformFieldList" });

// ---- Metrics and errors

const Day = z.iso.date();
// A day the database and a day after it can hold: no year 0, no year 10000.
const QueryDay = Day.refine((d) => d >= "2000-01-01" && d <= "2999-12-31", "a day between 2000-01-01 and 2999-12-31");

export const MetricsQuery = z
  .object({
    from: QueryDay.optional().describe("First day (UTC), default 29 days before `to`"),
    to: QueryDay.optional().describe("Last day (UTC), default today"),
  })
  .meta({ id: "IntegrationMetricsQuery" });
export type MetricsQuery = z.infer<typeof MetricsQuery>;

export const MetricsDay = z
  .object({
    day: Day,
    requests: z.number().int().describe("API calls made with the integration's OAuth tokens"),
    errors: z.number().int().describe("Of those, answered with a status ≥ 400"),
    p50Ms: z.number().int().nullable().describe("Median latency (from a log-scale histogram, ±10 %); null without requests"),
    p99Ms: z.number().int().nullable(),
    uptime: z.number().nullable().describe("% of that day's health checks that were healthy; null without checks"),
  })
  .meta({ id: "IntegrationMetricsDay" });
export type MetricsDay = z.infer<typeof MetricsDay>;

export const IntegrationMetrics = z.object({ from: Day, to: Day, data: z.array(MetricsDay) }).meta({ id: "IntegrationMetrics" });
export type IntegrationMetrics = z.infer<typeof IntegrationMetrics>;

export const IntegrationError = z
  .object({
    id: z.uuid(),
    source: z.enum(["api", "health_check"]),
    code: z.string().describe("The API error's code, or `HEALTH_CHECK_FAILED`"),
    message: z.string(),
    occurredAt: z.iso.datetime(),
    requestId: z.string().optional().describe("The failed API request's id (its `x-request-id`)"),
    httpStatus: z.number().int().nullable().optional(),
  })
  .meta({ id: "IntegrationError" });
export type IntegrationError = z.infer<typeof IntegrationError>;

export const IntegrationErrorPage = z.object({ data: z.array(IntegrationError), nextCursor: z.string().nullable() }).meta({ id: "IntegrationErrorPage" });
