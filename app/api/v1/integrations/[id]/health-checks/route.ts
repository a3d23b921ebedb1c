import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listHealthChecks } from "@/lib/integrations/health/health-history";
import { ListHealthChecksQuery } from "@/lib/integrations/health/schemas";

export const GET = route({ scopes: ["read:marketplace"], query: ListHealthChecksQuery }, ({ db, principal, params, query }) =>
  listHealthChecks(db, principal, params.id, query),
);

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
