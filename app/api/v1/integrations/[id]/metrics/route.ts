import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getIntegrationMetrics } from "@/lib/integrations/integration-metrics";
import { MetricsQuery } from "@/lib/integrations/schemas";

export const GET = route({ scopes: ["read:marketplace"], query: MetricsQuery }, ({ db, principal, params, query }) => getIntegrationMetrics(db, principal, params.id, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
