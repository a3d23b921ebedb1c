import { route } from "@/lib/http/route";
import { acceptAgreement } from "@/lib/partners/agreements";
import { otherMethods } from "@/lib/http/method-not-allowed";

// A legal acceptance is a person's act: session only, and the domain checks the owner role.
export const POST = route({ auth: ["session"], audit: false }, ({ db, principal, params, requestId, ip }) =>
  acceptAgreement(db, principal, params.id, params.agreementId, { requestId, ip }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
