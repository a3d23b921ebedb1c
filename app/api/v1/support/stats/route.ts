import { otherMethods } from "@/lib/http/method-not-allowed";
import { route } from "@/lib/http/route";
import { supportStats } from "@/lib/support/support-stats";

export const GET = route({ scopes: ["read:support"] }, ({ db, principal }) => supportStats(db, principal));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
