import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { PageQuery } from "@/lib/pagination/cursor";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/manage-endpoints";
import { CreateEndpoint } from "@/lib/webhooks/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:webhooks"], query: PageQuery }, ({ db, principal, query }) => listEndpoints(db, principal, query));

export const POST = route({ scopes: ["write:webhooks"], body: CreateEndpoint, audit: "webhook_endpoint.created" }, async ({ db, principal, body }) =>
  Reply.created(await createEndpoint(db, principal, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
