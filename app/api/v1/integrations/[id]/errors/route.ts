import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listIntegrationErrors } from "@/lib/integrations/integration-errors";
import { PageQuery } from "@/lib/pagination/cursor";

export const GET = route({ scopes: ["read:marketplace"], query: PageQuery }, ({ db, principal, params, query }) => listIntegrationErrors(db, principal, params.id, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
