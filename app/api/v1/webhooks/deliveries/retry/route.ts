import { z } from "zod";
import { route } from "@/lib/http/route";
import { retryDeliveries } from "@/lib/webhooks/deliveries";
import { otherMethods } from "@/lib/http/method-not-allowed";

const BulkRetry = z.object({ ids: z.array(z.uuid()).min(1).max(100) }).strict();

// Bulk retry from the dead-letter view.
export const POST = route({ scopes: ["write:webhooks"], body: BulkRetry, audit: "webhook_delivery.bulk_retried" }, async ({ db, principal, body }) => ({
  data: await retryDeliveries(db, principal, body.ids),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
