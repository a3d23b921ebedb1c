import { route } from "@/lib/http/route";
import { retryDelivery } from "@/lib/webhooks/deliveries";

export const POST = route({ scopes: ["write:webhooks"], audit: "webhook_delivery.retried" }, ({ db, principal, params }) => retryDelivery(db, principal, params.id));
