import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op } from "@/lib/openapi/operation";
import { ListNotificationsQuery, MarkNotificationsRead, NotificationPage, NotificationPreferences, UpdateNotificationPreferences } from "./schemas";

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
  "/me/notification-preferences": {
    get: op({
      summary: "Your notification preferences",
      tags,
      response: NotificationPreferences,
      description: "Session only: every notification kind, with whether it also comes to you by mail (`mail`) and the default (`defaultMail`). In-app notifications always arrive.",
    }),
    put: op({
      summary: "Choose which notifications come by mail",
      tags,
      body: UpdateNotificationPreferences,
      response: NotificationPreferences,
      description: "Session only. Sets `mail` for the kinds named; the others keep theirs. An unknown kind → 422 naming `preferences.<n>.kind`.",
    }),
  },
};
