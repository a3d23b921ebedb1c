import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { requestReplay } from "@/lib/webhooks/replay-events";
import { ReplayRequest } from "@/lib/webhooks/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ scopes: ["write:webhooks"], body: ReplayRequest, audit: "events.replay_requested" }, async ({ db, principal, body }) =>
  Reply.accepted(await requestReplay(db, principal, body)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
