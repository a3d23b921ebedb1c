import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";
import { notificationKinds, type NotificationGroup, type NotificationKind } from "./kinds";

export const Notification = z
  .object({
    id: z.uuid(),
    kind: z.string().describe("One of the kinds listed by GET /me/notification-preferences, e.g. application.approved, billing.invoice_issued, support.ticket_reply"),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().describe("The app path the notification opens (e.g. /invoices/<id>), if any"),
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

const kindNames = notificationKinds.map((k) => k.kind) as [NotificationKind, ...NotificationKind[]];
const groups = [...new Set(notificationKinds.map((k) => k.group))] as [NotificationGroup, ...NotificationGroup[]];

export const NotificationPreference = z
  .object({
    kind: z.enum(kindNames),
    label: z.string(),
    description: z.string(),
    group: z.enum(groups),
    mail: z.boolean().describe("Whether this kind also comes by mail (the user's choice, else the default)"),
    defaultMail: z.boolean().describe("What `mail` is for a user who never chose"),
  })
  .meta({ id: "NotificationPreference" });
export type NotificationPreference = z.infer<typeof NotificationPreference>;

export const NotificationPreferences = z.object({ data: z.array(NotificationPreference) }).meta({ id: "NotificationPreferences" });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdateNotificationPreferences = z
  .object({
    preferences: z
      .array(
        z
          .object({
            kind: z.enum(kindNames, { error: "Unknown notification kind" }),
            mail: z.boolean(),
          })
          .strict(),
      )
      .max(kindNames.length)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((p, i) => {
          if (seen.has(p.kind)) ctx.addIssue({ code: "custom", path: [i, "kind"], message: "Named twice" });
          seen.add(p.kind);
        });
      })
      .describe("The kinds to change; kinds not named keep their setting"),
  })
  .strict()
  .meta({ id: "UpdateNotificationPreferences" });
export type UpdateNotificationPreferences = z.infer<typeof UpdateNotificationPreferences>;
