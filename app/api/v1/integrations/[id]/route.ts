import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getIntegration } from "@/lib/integrations/integration-item";
import { UpdateIntegration } from "@/lib/integrations/schemas";
import { updateIntegrationConfig } from "@/lib/integrations/update-config";

export const GET = route({ scopes: ["read:marketplace"] }, ({ db, principal, params }) => getIntegration(db, principal, params.id));

export const PATCH = route({ scopes: ["write:marketplace"], body: UpdateIntegration, audit: "integration.configured" }, ({ db, principal, params, body }) =>
  updateIntegrationConfig(db, principal, params.id, body),
);

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
