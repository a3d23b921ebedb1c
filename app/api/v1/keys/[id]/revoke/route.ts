import { route } from "@/lib/http/route";
import { revokeKey } from "@/lib/keys/revoke-key";

export const POST = route({ scopes: ["write:keys"], audit: "api_key.revoked" }, ({ db, principal, params }) => revokeKey(db, principal, params.id));
