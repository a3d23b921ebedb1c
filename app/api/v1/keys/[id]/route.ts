import { route } from "@/lib/http/route";
import { getKey } from "@/lib/keys/get-key";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:keys"] }, ({ db, principal, params }) => getKey(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
