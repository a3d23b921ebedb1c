import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import { ListNotificationsQuery, MarkNotificationsRead, NotificationPage } from "./schemas";

const tags = ["Caller"];

export const notificationPaths: ZodOpenApiPathsObject = {
  "/me/notifications": {
    get: op({
      summary: "Your notifications",
      tags,
      query: ListNotificationsQuery,
      response: NotificationPage,
      description: "Session only: the signed-in user's in-app notifications, newest first, with the unread count.",
    }),
  },
  "/me/notifications/read": {
    post: op({
      summary: "Mark notifications read",
      tags,
      body: MarkNotificationsRead,
      response: z.object({ marked: z.number().int().min(0) }),
      description: "Session only. Without `ids`, marks every unread notification read.",
    }),
  },
};
