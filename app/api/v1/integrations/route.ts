import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listIntegrations } from "@/lib/integrations/integration-item";
import { ListIntegrationsQuery } from "@/lib/integrations/schemas";

export const GET = route({ scopes: ["read:marketplace"], query: ListIntegrationsQuery }, ({ db, principal, query }) => listIntegrations(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
