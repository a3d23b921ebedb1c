import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import { PageQuery } from "@/lib/pagination/cursor";
import {
  Integration,
  IntegrationErrorPage,
  IntegrationMetrics,
  IntegrationPage,
  ListIntegrationsQuery,
  MappingList,
  MappingPreview,
  MetricsQuery,
  PlatformFieldList,
  PreviewMappings,
  ReplaceMappings,
  UpdateIntegration,
} from "./schemas";

// The Integrations API (list, config, mappings, metrics, errors) paths of /api/v1.

const tags = ["Integrations"];
const id = z.object({ id: z.uuid() });

const who =
  "Members of the integration's account (any role reads), the app's partner (read), and platform admins (read); anyone else gets 404.";
const writers =
  "Only a signed-in owner or admin of the integration's account: its members, the app's partner and platform admins get 403, anyone else 404. An uninstalled integration cannot be changed (409).";

const mappingRules = `A mapping reads \`sourceField\` (a platform field from \`GET /integrations/fields\`: \`lead.contact.email\` is \`data.contact.email\` of every \`lead.*\` event) and writes it, transformed, under \`targetField\`. Transforms: \`none\`; \`trim\`, \`lowercase\`, \`uppercase\` (strings; other values unchanged); \`cents_to_decimal\` (integer cents → a decimal string, \`128400\` → \`"1284.00"\`, else null); \`date_iso\` (a date-time or epoch milliseconds → ISO 8601 UTC; a plain date stays a date; else null). 422 naming \`mappings.<n>.<field>\` for an unknown source field, a source field mapped twice, a transform that does not fit the field's type, a target outside the app's \`mappableFields\` (when it lists any) or two mappings to one target.`;

const webhookNote = `A webhook for an event with an \`accountId\`, sent to the partner of an integration in that account, carries \`integrationId\` and, when the integration has mappings, \`mapped\` (target field → value) beside \`data\`. The body is fixed by the delivery's first attempt: a retry resends the same bytes even if the mappings changed meanwhile.`;

export const integrationPaths: ZodOpenApiPathsObject = {
  "/integrations": {
    get: op({
      summary: "List integrations",
      tags,
      scopes: ["read:marketplace"],
      query: ListIntegrationsQuery,
      response: IntegrationPage,
      description:
        "A customer sees the integrations of its accounts, a partner the installs of its apps (an app's OAuth token: those in its account), a platform admin all. Newest first. Secret settings are never returned: `secretFields` says which are set.",
    }),
  },
  "/integrations/fields": {
    get: op({
      summary: "Platform fields a mapping can read",
      tags,
      response: PlatformFieldList,
      description:
        "Every leaf of every event type's payload schema (latest versions, not deprecated), as a dotted path prefixed by the event family, with its JSON type, format and the event types that carry it. For anyone signed in or holding a credential.",
    }),
  },
  "/integrations/{id}": {
    get: op({ summary: "Get an integration", tags, scopes: ["read:marketplace"], path: id, response: Integration, description: who }),
    patch: op({
      summary: "Change an integration's settings",
      tags,
      scopes: ["write:marketplace"],
      path: id,
      body: UpdateIntegration,
      response: Integration,
      errors: [409],
      description: `\`config\` is validated against the app's live version's configSchema (422 naming \`config.<field>\`) and replaces the plain settings. Settings the schema marks secret (\`format: "password"\` or \`writeOnly: true\`) are sealed at rest and never returned; one left out keeps its stored value, \`null\` clears it. ${writers}`,
    }),
  },
  "/integrations/{id}/mappings": {
    get: op({ summary: "Field mappings of an integration", tags, scopes: ["read:marketplace"], path: id, response: MappingList, description: `${who}\n\n${webhookNote}` }),
    put: op({
      summary: "Replace the field mappings of an integration",
      tags,
      scopes: ["write:marketplace"],
      path: id,
      body: ReplaceMappings,
      response: MappingList,
      errors: [409],
      description: `${mappingRules}\n\n${webhookNote}\n\n${writers}`,
    }),
  },
  "/integrations/{id}/mappings/preview": {
    post: op({
      summary: "Preview field mappings on a sample event",
      tags,
      scopes: ["read:marketplace"],
      path: id,
      body: PreviewMappings,
      response: MappingPreview,
      description: `What the stored mappings, or \`mappings\` (unsaved, validated like a PUT), make of \`event\` (its \`data\` defaults to the type's example payload): \`mapped\` as the webhook would carry it, and each mapping's input and output. Changes nothing. ${who}`,
    }),
  },
  "/integrations/{id}/metrics": {
    get: op({
      summary: "API metrics and uptime of an integration, per day",
      tags,
      scopes: ["read:marketplace"],
      path: id,
      query: MetricsQuery,
      response: IntegrationMetrics,
      description: `Per UTC day from \`from\` to \`to\` (at most 366 days; every day listed): \`requests\` made with the integration's OAuth tokens, \`errors\` (answered ≥ 400), \`p50Ms\`/\`p99Ms\` latency (from a log-scale histogram, within ±10 %), and \`uptime\` = % of that day's health checks that were healthy (null without checks). Counts are written in batches about once a second. ${who}`,
    }),
  },
  "/integrations/{id}/errors": {
    get: op({
      summary: "Failed health checks and API errors of an integration",
      tags,
      scopes: ["read:marketplace"],
      path: id,
      query: PageQuery,
      response: IntegrationErrorPage,
      description: `Newest first: failed health checks (\`HEALTH_CHECK_FAILED\`) and failed API requests made with the integration's tokens (their problem \`code\` and \`requestId\`). API errors are sampled: at most 10 per minute are listed one by one, and an \`ERRORS_SAMPLED\` entry says how many more there were (the metrics count them all). ${who}`,
    }),
  },
};
