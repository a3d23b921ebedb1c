import { route } from "@/lib/http/route";
import { getPartnerStats } from "@/lib/partners/get-partner-stats";

export const GET = route({ scopes: ["read:partners"] }, ({ db, principal, params }) => getPartnerStats(db, principal, params.id));
