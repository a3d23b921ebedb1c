import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import { Forecast, ForecastQuery } from "./schemas";

export const forecastPaths: ZodOpenApiPathsObject = {
  "/billing/forecast": {
    get: op({
      summary: "Revenue forecast",
      tags: ["Billing"],
      scopes: ["read:billing"],
      query: ForecastQuery,
      response: Forecast,
      errors: [404],
      description:
        "MRR, ARR and the months ahead (the current month first): what invoices would charge with the plans as they stand and usage projected from the last 3 closed months' trend, and what active paid installs would pay out; with the last 6 closed months as issued. For a partner its own figures (another `partnerId` → 404); for an admin the whole platform, or one partner with `partnerId` (unknown → 404). `method` states how each figure was computed.",
    }),
  },
};
