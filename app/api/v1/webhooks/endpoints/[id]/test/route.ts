import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { TestEvent } from "@/lib/webhooks/schemas";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const POST = route({ scopes: ["write:webhooks"], body: TestEvent, audit: "webhook_endpoint.test_sent" }, async ({ db, principal, params, body }) =>
  Reply.accepted(await sendTestEvent(db, principal, params.id, body.type)),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
