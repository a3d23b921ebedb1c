import { route } from "@/lib/http/route";
import { listAuthorizations } from "@/lib/oauth/authorizations";

export const GET = route({ auth: ["session"] }, ({ db, principal }) => listAuthorizations(db, principal));
