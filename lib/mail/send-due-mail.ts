import { inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { mailMessages } from "@/db/schema";
import { config } from "@/lib/config";
import { rowsOf } from "@/lib/db/rows";
import { describeError } from "@/lib/db/errors";
import { processState } from "@/lib/process-state";
import { pooledMailTransport } from "./mail-transport";

// Sends queued mail. The mail_messages row is the truth: a sender claims due
// rows (queued, or `sending` whose claim lapsed because its sender died),
// sends them, and records the outcome on the row. Whoever calls it (the
// minute sweep, the nudge after notify, an Inngest function) does the same
// thing, and two callers at once never send one message twice:
// - a claim is the pair (attempts, locked_until) the claiming statement wrote,
//   renewed just before the message is handed to the relay; a sender whose
//   claim was taken over meanwhile skips the message;
// - claim times come from the database clock, the one clock every instance shares;
// - once the relay accepted a message it is never rescheduled, whatever
//   happens to the write that records it.
//
// `outbox` rows are never sent, even once SMTP_URL is set: they were written
// while mail went to the in-app outbox only, and an admin may already have
// read or forwarded them there. Mail left queued or half-sent when SMTP_URL is
// switched off goes the other way, into the outbox (moveStrandedMailToOutbox).

/** Delays before each retry, counted from the failure; after the last retry fails the message is `failed`. */
export const MAIL_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];
export const MAIL_MAX_ATTEMPTS = MAIL_RETRY_DELAYS_MS.length + 1;
/** How long a claim holds. It is renewed right before each send, so it has to outlast one send (the transport's timeouts), not a batch. */
export const SEND_LOCK_MS = 5 * 60_000;
/**
 * Without SMTP_URL, queued mail this long overdue moves to the outbox. Not at
 * once: during a rolling switch to SMTP, instances still without it would
 * otherwise take the mail the new ones just queued and are about to send.
 */
export const STRANDED_AFTER_MS = 10 * 60_000;
const CLAIM_BATCH = 10;
/** Pauses between the tries to record an accepted message as sent. */
const RECORD_SENT_RETRY_MS = [100, 400, 1_500, 3_000];

export type SendDueMailOptions = {
  /** At most this many messages in this call (default 100). */
  limit?: number;
  /** Stands in for the database clock (tests that travel in time). Unset: the database's now(). */
  now?: Date;
  /** Only these messages (the ones a nudge or an event is about), if due. */
  ids?: string[];
  /** Aborted: claim nothing more (the process is stopping); what is claimed is still finished. */
  signal?: AbortSignal;
  /** Claim no new batch once this many ms have passed since the call began (the first is always claimed); the next sweep takes the rest. */
  budgetMs?: number;
  /** How long a claim holds (default SEND_LOCK_MS); tests shorten it. */
  lockMs?: number;
  /**
   * Test seam, never set in production: runs before each try to record a message the relay
   * accepted as `sent`. A test throws from it to stand for the database failing at that moment.
   */
  beforeRecordingSent?: (mailId: string, attempt: number) => void | Promise<void>;
};

export type SendDueMailResult = { sent: number; retrying: number; failed: number };

type Claimed = { id: string; to_address: string; subject: string; text_body: string; html_body: string; attempts: number; claim: string };
type Outcome = keyof SendDueMailResult | "skipped";

/**
 * Messages the relay accepted whose `sent` could not be written even after the retries (the
 * database was away): this process remembers them, writes them first on its next call, and
 * never sends them again if it claims them meanwhile. Another process could, once the claim
 * lapses; that needs the database down for longer than SEND_LOCK_MS.
 */
const acceptedUnrecorded = processState("mailAcceptedUnrecorded", () => new Map<string, string | null>());

export async function sendDueMail(db: Db, opts: SendDueMailOptions = {}): Promise<SendDueMailResult> {
  const result: SendDueMailResult = { sent: 0, retrying: 0, failed: 0 };
  if (opts.ids && !opts.ids.length) return result;
  const smtpUrl = config().SMTP_URL;
  if (!smtpUrl) {
    await moveStrandedMailToOutbox(db, opts);
    return result;
  }
  await recordRememberedSends(db, opts);
  const started = Date.now();
  const limit = opts.limit ?? 100;
  let done = 0;
  // Small claims, one after another, until the limit, a stop, or the budget (checked after each batch, so every run makes progress).
  while (done < limit && !opts.signal?.aborted) {
    const batch = await claimDueMail(db, Math.min(CLAIM_BATCH, limit - done), opts);
    if (!batch.length) break;
    done += batch.length;
    const outcomes = await Promise.allSettled(batch.map((m) => sendOne(db, smtpUrl, m, opts)));
    for (const o of outcomes) if (o.status === "fulfilled" && o.value !== "skipped") result[o.value]++;
    // A database error while settling a message: the rest of the batch is recorded, then the caller hears of it.
    const broken = outcomes.find((o) => o.status === "rejected");
    if (broken) throw broken.reason;
    if (opts.budgetMs !== undefined && Date.now() - started >= opts.budgetMs) break;
  }
  return result;
}

/** The clock claims are read and written by: the database's, unless a test names the moment. */
function clock(opts: SendDueMailOptions): SQL {
  return opts.now ? sql`${opts.now.toISOString()}::timestamptz` : sql`now()`;
}

const ms = (n: number) => sql`(${n}::double precision * interval '1 millisecond')`;

const onlyIds = (ids: string[] | undefined) =>
  ids ? sql`and id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))` : sql``;

async function claimDueMail(db: Db, limit: number, opts: SendDueMailOptions): Promise<Claimed[]> {
  const at = clock(opts);
  // `claim` comes back as text: a timestamptz read into a JS Date loses its microseconds and would never compare equal again.
  // MATERIALIZED: the locking, LIMITed pick runs once; inlined into the join, the planner could run it again and reach past the limit.
  const result = await db.execute(sql`
    with due as materialized (
      select id from ${mailMessages}
      where status in ('queued', 'sending') and next_attempt_at <= ${at}
        and (locked_until is null or locked_until <= ${at}) ${onlyIds(opts.ids)}
      order by next_attempt_at
      limit ${limit}
      for update skip locked
    )
    update ${mailMessages} m set status = 'sending', locked_until = ${at} + ${ms(opts.lockMs ?? SEND_LOCK_MS)}, attempts = m.attempts + 1
    from due where m.id = due.id
    returning m.id, m.to_address, m.subject, m.text_body, m.html_body, m.attempts, m.locked_until::text as claim`);
  return rowsOf<Claimed>(result);
}

/** The row is still ours: nobody took it over since our claim (or our last renewal) was written. */
const ours = (m: Claimed) =>
  sql`id = ${m.id} and status = 'sending' and attempts = ${m.attempts} and locked_until = ${m.claim}::timestamptz`;

/** Moves our claim forward from now, or null when another sender took the message over after ours lapsed. */
async function renewClaim(db: Db, m: Claimed, opts: SendDueMailOptions): Promise<string | null> {
  const rows = rowsOf<{ claim: string }>(
    await db.execute(sql`
      update ${mailMessages} set locked_until = ${clock(opts)} + ${ms(opts.lockMs ?? SEND_LOCK_MS)}
      where ${ours(m)}
      returning locked_until::text as claim`),
  );
  return rows[0]?.claim ?? null;
}

async function sendOne(db: Db, smtpUrl: string, claimed: Claimed, opts: SendDueMailOptions): Promise<Outcome> {
  const remembered = acceptedUnrecorded.get(claimed.id);
  if (remembered !== undefined) {
    // Sent before; only the record of it was missing.
    await recordSent(db, claimed.id, remembered, opts);
    return "sent";
  }
  const attempt = await renewAndSend(db, smtpUrl, claimed, opts);
  if (attempt.kind === "skipped") return "skipped";
  if (attempt.kind === "accepted") {
    await recordSent(db, claimed.id, attempt.messageId, opts);
    return "sent";
  }
  return recordFailure(db, attempt.m, attempt.error, opts);
}

type SendAttempt = { kind: "skipped" } | { kind: "accepted"; messageId: string | null } | { kind: "refused"; m: Claimed; error: unknown };

/** Renews the claim and hands the message to the relay, holding a send slot for both. */
async function renewAndSend(db: Db, smtpUrl: string, claimed: Claimed, opts: SendDueMailOptions): Promise<SendAttempt> {
  const { transport, slots } = pooledMailTransport(smtpUrl);
  // A slot first: with one, the message gets a connection at once instead of waiting in the pool's queue.
  const release = await slots.acquire();
  try {
    const claim = await renewClaim(db, claimed, opts);
    if (!claim) return { kind: "skipped" };
    const m = { ...claimed, claim };
    try {
      const info = await transport.sendMail({
        from: config().MAIL_FROM,
        to: m.to_address,
        subject: m.subject,
        text: m.text_body,
        html: m.html_body,
        headers: { "X-Portico-Mail-Id": m.id },
      });
      return { kind: "accepted", messageId: info.messageId ?? null };
    } catch (error) {
      return { kind: "refused", m, error };
    }
  } finally {
    release();
  }
}

/**
 * The relay has the message: whatever happens here, it is not sent again. A failing write is
 * tried a few more times, then remembered (acceptedUnrecorded) rather than thrown, since a
 * thrown error would leave the row to be claimed and sent once more.
 */
async function recordSent(db: Db, id: string, messageId: string | null, opts: SendDueMailOptions): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await opts.beforeRecordingSent?.(id, attempt);
      // Not tied to our claim: the relay's acceptance is the fact, even if our claim lapsed meanwhile.
      await db
        .update(mailMessages)
        .set({ status: "sent", messageId, sentAt: sql`${clock(opts)}`, lockedUntil: null, lastError: null, nextAttemptAt: null })
        .where(sql`id = ${id} and status <> 'sent'`);
      acceptedUnrecorded.delete(id);
      return;
    } catch (err) {
      const pause = RECORD_SENT_RETRY_MS[attempt - 1];
      if (pause === undefined) {
        acceptedUnrecorded.set(id, messageId);
        console.warn(`mail: ${id} was accepted by the relay but could not be recorded as sent (kept in memory, retried next sweep): ${describeError(err, { frames: false })}`);
        return;
      }
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

/** Writes the sends a database outage kept from being recorded. */
async function recordRememberedSends(db: Db, opts: SendDueMailOptions) {
  for (const [id, messageId] of [...acceptedUnrecorded]) {
    await db
      .update(mailMessages)
      .set({ status: "sent", messageId, sentAt: sql`${clock(opts)}`, lockedUntil: null, lastError: null, nextAttemptAt: null })
      .where(sql`id = ${id} and status <> 'sent'`);
    acceptedUnrecorded.delete(id);
  }
}

async function recordFailure(db: Db, m: Claimed, err: unknown, opts: SendDueMailOptions): Promise<Outcome> {
  const lastError = describeError(err, { frames: false }).slice(0, 1000);
  const giveUp = m.attempts >= MAIL_MAX_ATTEMPTS || isPermanent(err);
  // Only the claim that sent it may settle it: after a lapsed claim another sender owns the row.
  const updated = rowsOf<{ id: string }>(
    await db.execute(
      giveUp
        ? sql`update ${mailMessages} set status = 'failed', last_error = ${lastError}, locked_until = null, next_attempt_at = null
            where ${ours(m)} returning id`
        : sql`update ${mailMessages} set status = 'queued', last_error = ${lastError}, locked_until = null,
              next_attempt_at = ${clock(opts)} + ${ms(MAIL_RETRY_DELAYS_MS[m.attempts - 1])}
            where ${ours(m)} returning id`,
    ),
  );
  if (!updated.length) return "skipped";
  return giveUp ? "failed" : "retrying";
}

/**
 * A 5xx answer to the sender, the recipient or the message itself will be the
 * same next time (sender refused, no such mailbox, message refused); anything
 * else — a refused connection, a timeout, a 4xx "try later", a login problem
 * the operator can fix (530 "authentication required" to MAIL FROM) — is worth
 * another attempt.
 */
export function isPermanent(err: unknown): boolean {
  const e = err as { responseCode?: number; command?: string; code?: string };
  // An address nodemailer itself refuses to put on the envelope never gets better either.
  if (e.code === "EENVELOPE" && e.command === "API") return true;
  if (typeof e.responseCode !== "number" || e.responseCode < 500 || e.responseCode >= 600) return false;
  const command = e.command ?? "";
  if (/^MAIL FROM/i.test(command)) return e.responseCode !== 530;
  return /^(RCPT TO|DATA)/i.test(command);
}

/**
 * Without SMTP_URL nothing sends mail, so mail queued while it was set (or half-sent by an
 * instance that stopped) would wait forever: it goes to the in-app outbox, where admins read
 * it. Only mail overdue by STRANDED_AFTER_MS, and `sending` rows whose claim lapsed.
 */
export async function moveStrandedMailToOutbox(db: Db, opts: Pick<SendDueMailOptions, "now" | "ids"> = {}): Promise<number> {
  const at = clock(opts);
  const moved = rowsOf<{ id: string }>(
    await db.execute(sql`
      update ${mailMessages} set status = 'outbox', locked_until = null, next_attempt_at = null
      where ((status = 'queued' and next_attempt_at <= ${at} - ${ms(STRANDED_AFTER_MS)})
        or (status = 'sending' and (locked_until is null or locked_until <= ${at}))) ${onlyIds(opts.ids)}
      returning id`),
  );
  return moved.length;
}

/** The ones of these ids that have no row (yet: the transaction that queued them may not have committed). */
export async function unseenMail(db: Db, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const seen = new Set((await db.select({ id: mailMessages.id }).from(mailMessages).where(inArray(mailMessages.id, ids))).map((r) => r.id));
  return ids.filter((id) => !seen.has(id));
}
