import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { notificationPreferences } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { notificationKinds } from "./kinds";
import type { NotificationPreferences, UpdateNotificationPreferences } from "./schemas";

// Which notifications a user also gets by mail. In-app notifications always
// arrive; only the mail is a choice. A user who never chose for a kind gets the
// catalog's default, and a stored choice stays put if that default changes.

function userOf(p: Principal): string {
  if (p.type !== "session" || !p.userId) throw new Forbidden("Notification preferences belong to a signed-in user");
  return p.userId;
}

export async function getNotificationPreferences(db: Db, principal: Principal): Promise<NotificationPreferences> {
  const userId = userOf(principal);
  const rows = await db.select({ kind: notificationPreferences.kind, mail: notificationPreferences.mail }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const chosen = new Map(rows.map((r) => [r.kind, r.mail]));
  const staff = isAdmin(principal);
  return {
    data: notificationKinds.filter((k) => staff || !("staffOnly" in k && k.staffOnly)).map((k) => ({ kind: k.kind, label: k.label, description: k.description, group: k.group, mail: chosen.get(k.kind) ?? k.defaultMail, defaultMail: k.defaultMail })),
  };
}

export async function updateNotificationPreferences(db: Db, principal: Principal, input: UpdateNotificationPreferences): Promise<NotificationPreferences> {
  const userId = userOf(principal);
  if (input.preferences.length) {
    const now = new Date();
    await db
      .insert(notificationPreferences)
      .values(input.preferences.map((p) => ({ userId, kind: p.kind, mail: p.mail, updatedAt: now })))
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { mail: sql`excluded.mail`, updatedAt: now } });
  }
  return getNotificationPreferences(db, principal);
}
