import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { uninstallIntegration } from "@/lib/integrations/uninstall";

export const POST = route({ auth: ["session"], scopes: ["write:marketplace"], idempotent: true, audit: "integration.uninstalled" }, ({ db, principal, params }) =>
  uninstallIntegration(db, principal, params.id),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
