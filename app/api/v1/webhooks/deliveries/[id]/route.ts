import { route } from "@/lib/http/route";
import { getDelivery } from "@/lib/webhooks/deliveries";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:webhooks"] }, ({ db, principal, params }) => getDelivery(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
