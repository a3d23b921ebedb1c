import { route } from "@/lib/http/route";
import { revokeAuthorization } from "@/lib/oauth/authorizations";

export const POST = route({ auth: ["session"], audit: "oauth_consent.revoked" }, ({ db, principal, params }) => revokeAuthorization(db, principal, params.id));
