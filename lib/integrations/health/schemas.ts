import { z } from "zod";
import { integrationStatus } from "@/db/schema/enums";
import { PageQuery } from "@/lib/pagination/cursor";

// No component id: the Integrations API names its own, and two components may not share one.
export const IntegrationStatus = z.enum(integrationStatus.enumValues);

export const HealthCheckResult = z
  .object({
    healthy: z.boolean().describe("The health-check URL answered 2xx within 10 s"),
    status: IntegrationStatus.describe("The integration's status after this check"),
    httpStatus: z.number().int().optional().describe("The answer's HTTP status; absent when none came (timeout, refused connection)"),
    latencyMs: z.number().int().min(0),
    error: z.string().optional().describe("Why the check failed; absent when healthy"),
  })
  .meta({ id: "HealthCheckResult" });
export type HealthCheckResult = z.infer<typeof HealthCheckResult>;

export const HealthCheck = z
  .object({
    id: z.uuid().describe("Also the `webhook-id` header of the check's request"),
    checkedAt: z.iso.datetime(),
    healthy: z.boolean(),
    httpStatus: z.number().int().nullable(),
    latencyMs: z.number().int().min(0),
    error: z.string().nullable(),
    status: IntegrationStatus.describe("The integration's status after this check"),
  })
  .meta({ id: "IntegrationHealthCheck" });
export type HealthCheck = z.infer<typeof HealthCheck>;

export const HealthCheckPage = z.object({ data: z.array(HealthCheck), nextCursor: z.string().nullable() }).meta({ id: "IntegrationHealthCheckPage" });
export type HealthCheckPage = z.infer<typeof HealthCheckPage>;

export const ListHealthChecksQuery = PageQuery.extend({
  healthy: z.enum(["true", "false"]).optional().describe("`false`: failed checks only"),
}).meta({ id: "ListHealthChecksQuery" });
export type ListHealthChecksQuery = z.infer<typeof ListHealthChecksQuery>;

export const UptimeQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(30).default(30).describe("The last `days` UTC days, today included (checks are kept 30 days)"),
  })
  .meta({ id: "UptimeQuery" });
export type UptimeQuery = z.infer<typeof UptimeQuery>;

export const UptimeDay = z
  .object({
    day: z.iso.date().describe("A UTC day"),
    checks: z.number().int().min(0),
    healthy: z.number().int().min(0),
    uptime: z.number().min(0).max(100).nullable().describe("Healthy checks in percent (two decimals); null on a day without checks"),
  })
  .meta({ id: "UptimeDay" });

export const Uptime = z
  .object({
    integrationId: z.uuid(),
    from: z.iso.date(),
    to: z.iso.date(),
    checks: z.number().int().min(0),
    healthy: z.number().int().min(0),
    uptime: z.number().min(0).max(100).nullable().describe("Over the whole range; null without checks"),
    data: z.array(UptimeDay).describe("Every day of the range, oldest first"),
  })
  .meta({ id: "IntegrationUptime" });
export type Uptime = z.infer<typeof Uptime>;
