import { route } from "@/lib/http/route";
import { revokeAuthorization } from "@/lib/oauth/authorizations";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ auth: ["session"], audit: "oauth_consent.revoked" }, ({ db, principal, params }) => revokeAuthorization(db, principal, params.id));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
