import { route } from "@/lib/http/route";
import { getDelivery } from "@/lib/webhooks/deliveries";

export const GET = route({ scopes: ["read:webhooks"] }, ({ db, principal, params }) => getDelivery(db, principal, params.id));
