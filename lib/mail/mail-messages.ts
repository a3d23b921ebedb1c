import { and, eq, ilike, or } from "drizzle-orm";
import type { Db } from "@/db";
import { mailMessages } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { isUuid } from "@/lib/db/errors";
import { Forbidden, InvalidTransition, NotFound } from "@/lib/errors";
import { afterCursor, cursorOrder, toPage } from "@/lib/pagination/cursor";
import { nudgeMailSender } from "./nudge-mail-sender";
import { MailMessage, MailMessageDetail, type ListMailMessagesQuery, type MailMessagePage } from "./schemas";

// What admins see of the platform's mail: the outbox when no SMTP server is
// configured, the send log when one is. Mail holds people's addresses and
// what they were told, so only platform admins read it.

type Row = typeof mailMessages.$inferSelect;

function requireAdmin(p: Principal) {
  if (!isAdmin(p)) throw new Forbidden("Only platform admins can read the platform's mail");
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toMessage(r: Row): MailMessage {
  return MailMessage.parse({
    id: r.id,
    to: r.toAddress,
    kind: r.kind,
    subject: r.subject,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: iso(r.nextAttemptAt),
    lastError: r.lastError,
    sentAt: iso(r.sentAt),
    createdAt: r.createdAt.toISOString(),
  });
}

function toDetail(r: Row): MailMessageDetail {
  return MailMessageDetail.parse({ ...toMessage(r), textBody: r.textBody, htmlBody: r.htmlBody, messageId: r.messageId });
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** GET /mail/messages: newest first. */
export async function listMailMessages(db: Db, principal: Principal, q: ListMailMessagesQuery): Promise<MailMessagePage> {
  requireAdmin(principal);
  const m = mailMessages;
  const rows = await db
    .select()
    .from(m)
    .where(
      and(
        q.status ? eq(m.status, q.status) : undefined,
        q.q ? or(ilike(m.toAddress, likePattern(q.q)), ilike(m.subject, likePattern(q.q))) : undefined,
        afterCursor(m.createdAt, m.id, q.cursor),
      ),
    )
    .orderBy(...cursorOrder(m.createdAt, m.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toMessage);
}

async function messageRow(db: Db, id: string): Promise<Row> {
  if (!isUuid(id)) throw new NotFound("Mail message");
  const [row] = await db.select().from(mailMessages).where(eq(mailMessages.id, id));
  if (!row) throw new NotFound("Mail message");
  return row;
}

/** GET /mail/messages/{id}: with both bodies. */
export async function getMailMessage(db: Db, principal: Principal, id: string): Promise<MailMessageDetail> {
  requireAdmin(principal);
  return toDetail(await messageRow(db, id));
}

/** POST /mail/messages/{id}/retry: a failed message gets a fresh round of attempts. */
export async function retryMailMessage(db: Db, principal: Principal, id: string): Promise<MailMessageDetail> {
  requireAdmin(principal);
  const before = await messageRow(db, id);
  // Without SMTP configured (any more) it goes back to the outbox rather than waiting for a sender that never comes.
  const status = config().SMTP_URL ? "queued" : "outbox";
  const [row] = await db
    .update(mailMessages)
    .set({ status, attempts: 0, nextAttemptAt: status === "queued" ? new Date() : null, lockedUntil: null })
    .where(and(eq(mailMessages.id, id), eq(mailMessages.status, "failed")))
    .returning();
  if (!row) throw new InvalidTransition(before.status, "be retried (only failed mail can)", "The message");
  if (status === "queued") nudgeMailSender([row.id]);
  return toDetail(row);
}
