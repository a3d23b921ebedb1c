import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";

export const Notification = z
  .object({
    id: z.uuid(),
    kind: z.string().describe("e.g. application.approved, application.rejected, application.deprecated, partner.active"),
    title: z.string(),
    body: z.string(),
    readAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof Notification>;

export const NotificationPage = z
  .object({ data: z.array(Notification), nextCursor: z.string().nullable(), unread: z.number().int().min(0).describe("Unread notifications in all") })
  .meta({ id: "NotificationPage" });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const ListNotificationsQuery = PageQuery.extend({
  unread: z.enum(["true", "false"]).optional().describe("`true`: unread ones only"),
}).meta({ id: "ListNotificationsQuery" });
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const MarkNotificationsRead = z
  .object({
    ids: z.array(z.uuid()).min(1).max(100).optional().describe("These; without ids, every unread notification"),
  })
  .strict()
  .meta({ id: "MarkNotificationsRead" });
export type MarkNotificationsRead = z.infer<typeof MarkNotificationsRead>;
