import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { rotateKey } from "@/lib/keys/rotate-key";
import { RotateApiKey } from "@/lib/keys/schemas";

export const POST = route({ scopes: ["write:keys"], body: RotateApiKey, audit: "api_key.rotated" }, async ({ db, principal, params, body }) =>
  Reply.created(await rotateKey(db, principal, params.id, body.gracePeriodSeconds)),
);
