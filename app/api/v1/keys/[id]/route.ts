import { route } from "@/lib/http/route";
import { getKey } from "@/lib/keys/get-key";

export const GET = route({ scopes: ["read:keys"] }, ({ db, principal, params }) => getKey(db, principal, params.id));
