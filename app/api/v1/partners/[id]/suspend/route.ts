import { route } from "@/lib/http/route";
import { changePartnerStatus } from "@/lib/partners/change-partner-status";
import { SuspendPartner } from "@/lib/partners/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ admin: true, body: SuspendPartner, audit: false }, ({ db, principal, params, body, requestId, ip }) =>
  changePartnerStatus(db, principal, params.id, "suspend", body.reason, { requestId, ip }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
