import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import { JobRunPage, ListJobRunsQuery, ScheduledJobList } from "@/lib/jobs/schemas";
import { HealthCheckPage, HealthCheckResult, ListHealthChecksQuery, Uptime, UptimeQuery } from "./health/schemas";

// The health checks and scheduled job runs paths of /api/v1.

const tags = ["Integrations"];
const id = z.object({ id: z.uuid() });

const who =
  "Members of the integration's account (any role reads; owners and admins run a check), the app's partner, and platform admins; anyone else gets 404.";

const howChecked = `Every 5 minutes each active, degraded or failed integration whose app's live version has a \`healthCheckUrl\` is checked, each at its own phase within the 5 minutes (derived from its id). A check is a \`GET\` of the URL, signed like a webhook with the app's signing secret (\`whsec_…\`, revealed and rotated on the app's page; both secrets sign during a rotation's overlap): headers \`webhook-id\` (the check's id), \`webhook-timestamp\` and \`webhook-signature\`. A GET has no body, so **the signed payload is the empty string**: the signature is \`v1,\` + base64 HMAC-SHA256 of \`"{webhook-id}.{webhook-timestamp}."\`, and \`Webhook.verify("", headers)\` of any Standard Webhooks library accepts it. Any 2xx within 10 s is healthy; redirects are not followed; private addresses are refused.

One failure changes nothing; 3 in a row make the integration \`degraded\`; 6 in a row make it \`failed\`, publish \`integration.failed\` and notify the partner's and the account's members (once, at that transition); the first success makes it \`active\` again.`;

export const integrationHealthPaths: ZodOpenApiPathsObject = {
  "/integrations/{id}/health-check": {
    post: op({
      summary: "Run a health check now",
      tags,
      scopes: ["write:marketplace"],
      path: id,
      response: HealthCheckResult,
      errors: [409],
      idempotent: true,
      description: `${howChecked}\n\nThis runs one now and counts it like a scheduled one. 409 when the integration is not active, degraded or failed, or its app's live version has no health-check URL. ${who}`,
    }),
  },
  "/integrations/{id}/health-checks": {
    get: op({
      summary: "Past health checks of an integration",
      tags,
      scopes: ["read:marketplace"],
      path: id,
      query: ListHealthChecksQuery,
      response: HealthCheckPage,
      description: `Newest first; checks are kept 30 days. ${who}`,
    }),
  },
  "/integrations/{id}/uptime": {
    get: op({
      summary: "Health-check uptime of an integration, per day",
      tags,
      scopes: ["read:marketplace"],
      path: id,
      query: UptimeQuery,
      response: Uptime,
      description: `Per UTC day of the last \`days\` (today included, at most 30: checks are kept 30 days), the checks made, the healthy ones and \`uptime\` = healthy ÷ checks in percent; every day of the range is listed, with \`uptime: null\` on a day without checks. ${who}`,
    }),
  },
  "/jobs": {
    get: op({
      summary: "Scheduled jobs",
      tags: ["Jobs"],
      admin: true,
      response: ScheduledJobList,
      description:
        "Every periodic job with its cron (UTC), its next slot and its latest run. Each slot runs once across all instances (a claimed `(job, slot)` row); after downtime the most recent missed slot runs once.",
    }),
  },
  "/jobs/runs": {
    get: op({
      summary: "Runs of scheduled jobs",
      tags: ["Jobs"],
      admin: true,
      query: ListJobRunsQuery,
      response: JobRunPage,
      description: "Newest first. A run whose process died is marked `failed` once it has been running longer than its job allows; it is not run again.",
    }),
  },
};
