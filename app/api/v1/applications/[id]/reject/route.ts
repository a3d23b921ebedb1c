import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { rejectApplication } from "@/lib/applications/transitions";
import { RejectApplication } from "@/lib/applications/schemas";

// The domain writes the audit row (with the from/to statuses), inside the transition's transaction.
export const POST = route({ scopes: ["write:applications"], body: RejectApplication, audit: false }, ({ db, principal, params, body, requestId, ip }) =>
  rejectApplication(db, principal, params.id, body, { requestId, ip }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
