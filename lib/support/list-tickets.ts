import { and, asc, eq, ilike, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { partners, supportTickets } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { DomainError } from "@/lib/errors";
import { afterCursor, cursorOrder, encodeCursor } from "@/lib/pagination/cursor";
import { decodeQueueCursor, encodeQueueCursor, type QueueCursor } from "./queue-cursor";
import type { ListTicketsQuery, TicketPage } from "./schemas";
import { supportActor, visibleTickets, type SupportActor } from "./support-actor";
import { ticketQuery, toTickets, type TicketQueryRow } from "./ticket-read";

// Ticket lists: a requester's own organisation's, or (staff) every ticket, newest first; or
// the staff queue (sort=sla), whose head is the reply due soonest: overdue ones first.

const STAFF_FILTERS = ["assignee", "tier", "partnerId"] as const;

/** The owed reply's due time while the clock runs; null when nothing is owed or it is paused. */
const dueKey = sql`(case when ${supportTickets.status} in ('open', 'pending') and ${supportTickets.slaPausedAt} is null then ${supportTickets.nextReplyDueAt} end)`;

function dueOf(t: TicketQueryRow["t"]): Date | null {
  return (t.status === "open" || t.status === "pending") && t.slaPausedAt === null ? t.nextReplyDueAt : null;
}

function search(q: string): SQL {
  const subject = ilike(supportTickets.subject, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const number = /^#?(\d{1,9})$/.exec(q);
  return number ? or(eq(supportTickets.number, Number(number[1])), subject)! : subject;
}

function filters(actor: SupportActor, q: ListTicketsQuery): SQL | undefined {
  let assignee: SQL | undefined;
  if (q.assignee === "none") assignee = isNull(supportTickets.assignedTo);
  else if (q.assignee === "me") assignee = actor.userId ? eq(supportTickets.assignedTo, actor.userId) : sql`false`;
  else if (q.assignee) assignee = eq(supportTickets.assignedTo, q.assignee);
  return and(
    visibleTickets(actor),
    q.status?.length ? inArray(supportTickets.status, q.status) : undefined,
    q.priority?.length ? inArray(supportTickets.priority, q.priority) : undefined,
    q.category?.length ? inArray(supportTickets.category, q.category) : undefined,
    assignee,
    q.tier ? eq(partners.tier, q.tier) : undefined,
    q.partnerId ? eq(supportTickets.partnerId, q.partnerId) : undefined,
    q.q ? search(q.q) : undefined,
  );
}

function afterQueueCursor(c: QueueCursor): SQL {
  const t = sql`${c.createdAt.toISOString()}::timestamptz`;
  const later = or(sql`${supportTickets.createdAt} > ${t}`, and(sql`${supportTickets.createdAt} = ${t}`, sql`${supportTickets.id} > ${c.id}::uuid`))!;
  if (c.due === null) return and(sql`${dueKey} is null`, later)!;
  const due = sql`${c.due.toISOString()}::timestamptz`;
  return or(sql`${dueKey} > ${due}`, and(sql`${dueKey} = ${due}`, later), sql`${dueKey} is null`)!;
}

export async function listTickets(db: Db, principal: Principal, q: ListTicketsQuery, opts: { now?: Date } = {}): Promise<TicketPage> {
  const actor = supportActor(principal);
  if (actor.kind === "requester") {
    for (const f of STAFF_FILTERS) {
      if (q[f] !== undefined) throw new DomainError("FORBIDDEN", `The ${f} filter is for support staff`, [{ path: f, message: "staff only" }]);
    }
  }
  const where = filters(actor, q);
  if (q.sort === "sla") {
    const rows = await ticketQuery(db, actor)
      .where(and(where, q.cursor ? afterQueueCursor(decodeQueueCursor(q.cursor)) : undefined))
      .orderBy(sql`${dueKey} asc nulls last`, asc(supportTickets.createdAt), asc(supportTickets.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      data: await toTickets(db, actor, page, opts.now),
      nextCursor: rows.length > q.limit && last ? encodeQueueCursor({ due: dueOf(last.t), createdAt: last.t.createdAt, id: last.t.id }) : null,
    };
  }
  const rows = await ticketQuery(db, actor)
    .where(and(where, afterCursor(supportTickets.createdAt, supportTickets.id, q.cursor)))
    .orderBy(...cursorOrder(supportTickets.createdAt, supportTickets.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: await toTickets(db, actor, page, opts.now),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.t.createdAt, last.t.id) : null,
  };
}
