import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listMappings, replaceMappings } from "@/lib/integrations/mappings";
import { ReplaceMappings } from "@/lib/integrations/schemas";

export const GET = route({ scopes: ["read:marketplace"] }, ({ db, principal, params }) => listMappings(db, principal, params.id));

export const PUT = route({ scopes: ["write:marketplace"], body: ReplaceMappings, audit: "integration.mappings_replaced" }, ({ db, principal, params, body }) =>
  replaceMappings(db, principal, params.id, body),
);

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
