import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { rotateKey } from "@/lib/keys/rotate-key";
import { RotateApiKey } from "@/lib/keys/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ scopes: ["write:keys"], body: RotateApiKey, audit: "api_key.rotated" }, async ({ db, principal, params, body }) =>
  Reply.created(await rotateKey(db, principal, params.id, body.gracePeriodSeconds)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
