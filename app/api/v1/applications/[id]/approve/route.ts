import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { approveApplication } from "@/lib/applications/transitions";
import { ApproveApplication } from "@/lib/applications/schemas";

// The domain writes the audit row (with the from/to statuses), inside the transition's transaction.
export const POST = route({ scopes: ["write:applications"], body: ApproveApplication, audit: false }, ({ db, principal, params, body, requestId, ip }) =>
  approveApplication(db, principal, params.id, body, { requestId, ip }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
