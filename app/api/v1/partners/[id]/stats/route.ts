import { route } from "@/lib/http/route";
import { getPartnerStats } from "@/lib/partners/get-partner-stats";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:partners"] }, ({ db, principal, params }) => getPartnerStats(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
