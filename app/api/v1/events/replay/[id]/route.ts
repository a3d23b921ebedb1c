import { route } from "@/lib/http/route";
import { getReplayJob } from "@/lib/webhooks/replay-events";

export const GET = route({ scopes: ["read:webhooks"] }, ({ db, principal, params }) => getReplayJob(db, principal, params.id));
