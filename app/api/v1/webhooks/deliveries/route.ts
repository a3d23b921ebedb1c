import { route } from "@/lib/http/route";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { ListDeliveriesQuery } from "@/lib/webhooks/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:webhooks"], query: ListDeliveriesQuery }, ({ db, principal, query }) => listDeliveries(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
