import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import { BillingUsageQuery, UsageSeries } from "./schemas";

export const usagePaths: ZodOpenApiPathsObject = {
  "/billing/usage": {
    get: op({
      summary: "API usage per day",
      tags: ["Billing"],
      scopes: ["read:billing"],
      query: BillingUsageQuery,
      response: UsageSeries,
      description: "Calls made with the partner's API keys and OAuth tokens, per day and status class, with a breakdown per key and per route group. Counts lag real time by about a second.",
    }),
  },
};
