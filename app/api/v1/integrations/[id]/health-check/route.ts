import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { runHealthCheckNow } from "@/lib/integrations/health/run-health-check-now";

export const POST = route({ scopes: ["write:marketplace"], audit: "integration.health_checked" }, ({ db, principal, params }) =>
  runHealthCheckNow(db, principal, params.id),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
