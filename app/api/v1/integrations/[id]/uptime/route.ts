import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { integrationUptime } from "@/lib/integrations/health/health-history";
import { UptimeQuery } from "@/lib/integrations/health/schemas";

export const GET = route({ scopes: ["read:marketplace"], query: UptimeQuery }, ({ db, principal, params, query }) =>
  integrationUptime(db, principal, params.id, query),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
