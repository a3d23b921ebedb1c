import { z } from "zod";
import { Day } from "@/lib/validation/instant";

export const UsageQuery = z.object({
  from: Day().optional().describe("First day (UTC), default 29 days ago"),
  to: Day().optional().describe("Last day (UTC), default today"),
});

export const BillingUsageQuery = UsageQuery.extend({
  keyId: z.uuid().optional(),
  routeGroup: z.string().max(40).optional(),
  partnerId: z.uuid().optional().describe("Admins only"),
});

export const UsageDay = z.object({
  day: z.iso.date(),
  calls: z.number().int(),
  success: z.number().int().describe("2xx/3xx"),
  clientErrors: z.number().int().describe("4xx"),
  serverErrors: z.number().int().describe("5xx"),
});
export const UsageSeries = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    totals: z.object({ calls: z.number().int(), errors: z.number().int(), errorRate: z.number() }),
    days: z.array(UsageDay),
    byKey: z
      .array(z.object({ keyId: z.string(), name: z.string().nullable(), days: z.array(z.object({ day: z.iso.date(), calls: z.number().int() })) }))
      .optional(),
    byRouteGroup: z.array(z.object({ routeGroup: z.string(), calls: z.number().int() })).optional(),
  })
  .meta({ id: "UsageSeries" });
export type UsageSeries = z.infer<typeof UsageSeries>;
