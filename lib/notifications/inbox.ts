import { and, count, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { notifications } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { afterCursor, cursorOrder, toPage } from "@/lib/pagination/cursor";
import { Notification, type ListNotificationsQuery, type MarkNotificationsRead, type NotificationPage } from "./schemas";

// A user's in-app inbox: review decisions, deprecations of installed apps, partner status changes.
// Notifications belong to people, so API keys and client tokens have none.

function userOf(p: Principal): string {
  if (p.type !== "session" || !p.userId) throw new Forbidden("Notifications belong to a signed-in user");
  return p.userId;
}

export async function listNotifications(db: Db, principal: Principal, q: ListNotificationsQuery): Promise<NotificationPage> {
  const userId = userOf(principal);
  const [rows, [{ unread }]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), q.unread === "true" ? isNull(notifications.readAt) : undefined, afterCursor(notifications.createdAt, notifications.id, q.cursor)))
      .orderBy(...cursorOrder(notifications.createdAt, notifications.id))
      .limit(q.limit + 1),
    db.select({ unread: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  ]);
  const page = toPage(rows, q.limit, (r) =>
    Notification.parse({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, readAt: r.readAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString() }),
  );
  return { ...page, unread: Number(unread) };
}

export async function markNotificationsRead(db: Db, principal: Principal, input: MarkNotificationsRead): Promise<{ marked: number }> {
  const userId = userOf(principal);
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), input.ids ? inArray(notifications.id, input.ids) : undefined))
    .returning({ id: notifications.id });
  return { marked: marked.length };
}
