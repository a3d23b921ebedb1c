import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { deprecateApplication } from "@/lib/applications/transitions";
import { DeprecateApplication } from "@/lib/applications/schemas";

// The domain writes the audit row (with the from/to statuses), inside the transition's transaction.
export const POST = route({ scopes: ["write:applications"], body: DeprecateApplication, audit: false }, ({ db, principal, params, body, requestId, ip }) =>
  deprecateApplication(db, principal, params.id, body, { requestId, ip }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
