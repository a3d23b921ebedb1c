import { route } from "@/lib/http/route";
import { revokeKey } from "@/lib/keys/revoke-key";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ scopes: ["write:keys"], audit: "api_key.revoked" }, ({ db, principal, params }) => revokeKey(db, principal, params.id));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
