import { route } from "@/lib/http/route";
import { changePartnerStatus } from "@/lib/partners/change-partner-status";
import { ChangePartnerStatus } from "@/lib/partners/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ admin: true, body: ChangePartnerStatus, audit: false }, ({ db, principal, params, body, requestId, ip }) =>
  changePartnerStatus(db, principal, params.id, "activate", body.reason, { requestId, ip }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
