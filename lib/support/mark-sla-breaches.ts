import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { supportTickets } from "@/db/schema";
import { notifyMany } from "@/lib/notifications/notify";
import { breachNotice } from "./ticket-notices";

const BATCH = 200;

type Keyset = { due: Date; id: string };

const t = supportTickets;

/**
 * Which reply clock a notice was about. `sla_breach_notified_for` holds this, the start of the
 * clock staff were last told about (not its due time): pausing, resuming and a new priority
 * move a clock's due time but keep its start, so a breach they already heard of stays told; a
 * requester message after a staff reply (or staff reopening a resolved ticket) starts a new
 * clock, whose miss is news. The due time stands in for a clock with no recorded start, so such
 * a ticket is still flagged (and told about once per due time, as before).
 */
const clock = sql`coalesce(${t.replyClockStartedAt}, ${t.nextReplyDueAt})`;

/**
 * The `support-sla-breaches` job: tickets whose owed reply is past due at `slot` (the clock
 * running, not paused) are marked breached, and staff are told once per reply clock.
 *
 * In batches by due time, each its own transaction, so a backlog (after downtime) neither holds
 * every overdue ticket's lock in one transaction nor outlives a stop: between batches it checks
 * `signal`. Tickets locked by a request at that moment are skipped: the next minute's run has them.
 */
export async function markSlaBreaches(db: Db, slot: Date, opts: { signal?: AbortSignal } = {}): Promise<{ breached: number }> {
  const overdueUntold = and(
    // Spelled as the partial index's predicate (support_tickets_next_reply_due_idx) so the scan uses it.
    sql`${t.status} in ('open', 'pending')`,
    isNull(t.slaPausedAt),
    isNotNull(t.nextReplyDueAt),
    lte(t.nextReplyDueAt, slot),
    sql`${t.slaBreachNotifiedFor} is distinct from ${clock}`,
  );
  let breached = 0;
  let after: Keyset | null = null;
  while (!opts.signal?.aborted) {
    const from: Keyset | null = after;
    const { picked, marked } = await db.transaction(async (tx): Promise<{ picked: Array<{ id: string; due: Date | null }>; marked: number }> => {
      const picked = await tx
        .select({ id: t.id, due: t.nextReplyDueAt })
        .from(t)
        .where(and(overdueUntold, from ? or(gt(t.nextReplyDueAt, from.due), and(eq(t.nextReplyDueAt, from.due), gt(t.id, from.id))) : undefined))
        .orderBy(asc(t.nextReplyDueAt), asc(t.id))
        .limit(BATCH)
        .for("update", { skipLocked: true });
      if (!picked.length) return { picked, marked: 0 };
      const rows = await tx
        .update(t)
        .set({ slaBreached: true, slaBreachNotifiedFor: clock })
        .where(inArray(t.id, picked.map((p) => p.id)))
        .returning({ id: t.id, number: t.number, subject: t.subject, partnerId: t.partnerId, accountId: t.accountId, assignedTo: t.assignedTo, dueAt: t.nextReplyDueAt });
      await notifyMany(tx, rows.map((r) => breachNotice({ ...r, dueAt: r.dueAt! })));
      return { picked, marked: rows.length };
    });
    breached += marked;
    if (picked.length < BATCH) break;
    // Onwards from the batch's last ticket: one skipped because it was locked is not picked again this run.
    const last = picked[picked.length - 1];
    after = { due: last.due!, id: last.id };
  }
  return { breached };
}
