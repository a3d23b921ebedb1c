import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { rotateClientSecret } from "@/lib/oauth/manage-clients";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ scopes: ["write:applications"], audit: "oauth_client.secret_rotated" }, async ({ db, principal, params }) =>
  Reply.created(await rotateClientSecret(db, principal, params.id)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
