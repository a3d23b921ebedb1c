import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { rotateClientSecret } from "@/lib/oauth/manage-clients";

export const POST = route({ scopes: ["write:applications"], audit: "oauth_client.secret_rotated" }, async ({ db, principal, params }) =>
  Reply.created(await rotateClientSecret(db, principal, params.id)),
);
