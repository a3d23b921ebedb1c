import { route } from "@/lib/http/route";
import { retryDelivery } from "@/lib/webhooks/deliveries";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ scopes: ["write:webhooks"], audit: "webhook_delivery.retried" }, ({ db, principal, params }) => retryDelivery(db, principal, params.id));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
