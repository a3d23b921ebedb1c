import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { submitApplication } from "@/lib/applications/transitions";

// The domain writes the audit row (with the from/to statuses), inside the transition's transaction.
export const POST = route({ scopes: ["write:applications"], audit: false }, ({ db, principal, params, requestId, ip }) => submitApplication(db, principal, params.id, { requestId, ip }));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
