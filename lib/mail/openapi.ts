import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import { ListMailMessagesQuery, MailMessageDetail, MailMessagePage } from "./schemas";

const tags = ["Mail"];
const id = z.object({ id: z.uuid() });

export const mailPaths: ZodOpenApiPathsObject = {
  "/mail/messages": {
    get: op({
      summary: "List mail",
      tags,
      admin: true,
      query: ListMailMessagesQuery,
      response: MailMessagePage,
      description:
        "Platform admins: every mail the platform wrote, newest first. Without `SMTP_URL` mail stays here with status `outbox`; with it, queued mail is sent and retried (after 1 min, 5 min, 30 min, 2 h and 12 h) until `sent` or `failed`.",
    }),
  },
  "/mail/messages/{id}": {
    get: op({ summary: "Get a mail", tags, admin: true, path: id, response: MailMessageDetail, description: "Platform admins: one message with its text and HTML bodies." }),
  },
  "/mail/messages/{id}/retry": {
    post: op({
      summary: "Retry a failed mail",
      tags,
      admin: true,
      path: id,
      response: MailMessageDetail,
      errors: [409],
      description: "Platform admins: a `failed` message is queued again with a fresh round of attempts (back to `outbox` when no SMTP server is configured). Any other status → 409 `INVALID_TRANSITION`.",
    }),
  },
};
