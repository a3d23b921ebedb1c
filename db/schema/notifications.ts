import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { notifications, users } from "./users";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Per user and notification kind: whether it is also sent by mail. No row = the kind's default. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    mail: boolean("mail").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * Every mail the platform writes. Without SMTP_URL a message stays `outbox` (read by admins at
 * /admin/outbox); with it, a durable job sends `queued` ones, retrying with backoff until `sent`
 * or `failed`.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    toUserId: uuid("to_user_id").references(() => users.id, { onDelete: "set null" }),
    notificationId: uuid("notification_id").references(() => notifications.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** outbox | queued | sending | sent | failed */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at"),
    /** A sender's claim: another sender leaves the row alone until this passes. */
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    messageId: text("message_id"),
    sentAt: ts("sent_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("mail_messages_created_idx").on(t.createdAt, t.id),
    index("mail_messages_to_user_idx").on(t.toUserId, t.createdAt),
    index("mail_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending')`),
  ],
);
