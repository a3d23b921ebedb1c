import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { mailMessages } from "@/db/schema";
import { config } from "@/lib/config";
import { rowsOf } from "@/lib/db/rows";
import { describeError } from "@/lib/db/errors";
import { mailTransport } from "./mail-transport";

// Sends queued mail. The mail_messages row is the truth: a sender claims due
// rows (queued, or `sending` whose claim lapsed because its sender died),
// sends them, and records the outcome on the row. Whoever calls it (the
// minute sweep, the nudge after notify, an Inngest function) does the same
// thing, and two callers at once never send one message twice.

/** Delays before each retry; after the last retry fails the message is `failed`. */
export const MAIL_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;
/** How long a claim holds: well beyond the transport's timeouts for one small batch. */
export const SEND_LOCK_MS = 5 * 60_000;
const CLAIM_BATCH = 10;

export type SendDueMailOptions = {
  /** At most this many messages in this call (default 100). */
  limit?: number;
  now?: Date;
  /** Only these messages (the ones a nudge or an event is about), if due. */
  ids?: string[];
};

export type SendDueMailResult = { sent: number; retrying: number; failed: number };

type Claimed = { id: string; to_address: string; subject: string; text_body: string; html_body: string; attempts: number };

export async function sendDueMail(db: Db, opts: SendDueMailOptions = {}): Promise<SendDueMailResult> {
  const result: SendDueMailResult = { sent: 0, retrying: 0, failed: 0 };
  const smtpUrl = config().SMTP_URL;
  // Without SMTP there is nothing to send with; queued rows wait for it to be configured.
  if (!smtpUrl) return result;
  if (opts.ids && !opts.ids.length) return result;
  const limit = opts.limit ?? 100;
  let done = 0;
  // Small claims, one after another: a claim never outlives its lock, however slow the relay.
  while (done < limit) {
    const now = opts.now ?? new Date();
    const lockedUntil = new Date(now.getTime() + SEND_LOCK_MS);
    const batch = await claimDueMail(db, Math.min(CLAIM_BATCH, limit - done), now, lockedUntil, opts.ids);
    if (!batch.length) break;
    done += batch.length;
    const outcomes = await Promise.all(batch.map((m) => sendOne(db, smtpUrl, m, lockedUntil, now)));
    for (const o of outcomes) result[o]++;
  }
  return result;
}

async function claimDueMail(db: Db, limit: number, now: Date, lockedUntil: Date, ids: string[] | undefined): Promise<Claimed[]> {
  const at = now.toISOString();
  const only = ids ? sql`and id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))` : sql``;
  const result = await db.execute(sql`
    with due as (
      select id from ${mailMessages}
      where status in ('queued', 'sending') and next_attempt_at <= ${at}::timestamptz
        and (locked_until is null or locked_until <= ${at}::timestamptz) ${only}
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update ${mailMessages} m set status = 'sending', locked_until = ${lockedUntil.toISOString()}::timestamptz, attempts = m.attempts + 1
    from due where m.id = due.id
    returning m.id, m.to_address, m.subject, m.text_body, m.html_body, m.attempts`);
  return rowsOf<Claimed>(result);
}

async function sendOne(db: Db, smtpUrl: string, m: Claimed, lockedUntil: Date, now: Date): Promise<keyof SendDueMailResult> {
  // Only the claim that took the row may settle it: after a lapsed lock another sender owns it.
  const ours = and(eq(mailMessages.id, m.id), eq(mailMessages.status, "sending"), eq(mailMessages.lockedUntil, lockedUntil));
  try {
    const info = await mailTransport(smtpUrl).sendMail({
      from: config().MAIL_FROM,
      to: m.to_address,
      subject: m.subject,
      text: m.text_body,
      html: m.html_body,
      headers: { "X-Portico-Mail-Id": m.id },
    });
    await db
      .update(mailMessages)
      .set({ status: "sent", messageId: info.messageId ?? null, sentAt: new Date(), lockedUntil: null, lastError: null, nextAttemptAt: null })
      .where(ours);
    return "sent";
  } catch (err) {
    const lastError = describeError(err, { frames: false }).slice(0, 1000);
    const giveUp = m.attempts >= MAIL_MAX_ATTEMPTS || isPermanent(err);
    if (giveUp) {
      await db.update(mailMessages).set({ status: "failed", lastError, lockedUntil: null, nextAttemptAt: null }).where(ours);
      return "failed";
    }
    const nextAttemptAt = new Date(now.getTime() + MAIL_RETRY_DELAYS_MS[m.attempts - 1]);
    await db.update(mailMessages).set({ status: "queued", lastError, lockedUntil: null, nextAttemptAt }).where(ours);
    return "retrying";
  }
}

/**
 * A 5xx answer to the recipient or the message itself will be the same next
 * time (no such mailbox, message refused); anything else — a refused
 * connection, a timeout, a 4xx "try later", a login problem the operator can
 * fix — is worth another attempt.
 */
function isPermanent(err: unknown): boolean {
  const e = err as { responseCode?: number; command?: string; code?: string };
  // An address nodemailer itself refuses to put on the envelope never gets better either.
  if (e.code === "EENVELOPE" && e.command === "API") return true;
  return typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600 && /^(RCPT TO|DATA)/i.test(e.command ?? "");
}

/** How many of these ids have no row (yet: the transaction that queued them may not have committed). */
export async function countUnseenMail(db: Db, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(mailMessages).where(inArray(mailMessages.id, ids));
  return ids.length - Number(n);
}
