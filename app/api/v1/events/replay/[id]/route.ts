import { route } from "@/lib/http/route";
import { getReplayJob } from "@/lib/webhooks/replay-events";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:webhooks"] }, ({ db, principal, params }) => getReplayJob(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
