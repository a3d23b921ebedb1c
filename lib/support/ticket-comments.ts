import { and, asc, eq, gt, or } from "drizzle-orm";
import type { Db } from "@/db";
import { supportTickets, ticketComments, users } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { DomainError, Invalid } from "@/lib/errors";
import { decodeCursor, encodeCursor, type Page } from "@/lib/pagination/cursor";
import { TicketComment, type CreateCommentInput, type ListCommentsQuery } from "./schemas";
import { supportActor } from "./support-actor";
import { noticeRequesterComment, noticeStaffReply } from "./ticket-notices";
import { ticketRow, visibleComments } from "./ticket-read";
import { tierOf } from "./requester-profile";
import { afterRequesterComment, afterStaffReply, assertNotClosed, stateOf } from "./ticket-state";

// The conversation on a ticket: public comments, and staff's internal notes, which the
// requester never sees (filtered in the query, never after it).

type CommentRow = typeof ticketComments.$inferSelect & { authorName: string | null };

function toComment(r: CommentRow): TicketComment {
  return TicketComment.parse({
    id: r.id,
    ticketId: r.ticketId,
    body: r.body,
    internal: r.internal,
    author: { id: r.authorId, name: r.authorName ?? (r.fromStaff ? "Support" : "Requester"), staff: r.fromStaff },
    createdAt: r.createdAt.toISOString(),
  });
}

/** Oldest first: a thread reads top to bottom. */
export async function listComments(db: Db, principal: Principal, ticketId: string, q: ListCommentsQuery): Promise<Page<TicketComment>> {
  const actor = supportActor(principal);
  await ticketRow(db, actor, ticketId);
  const after = q.cursor ? decodeCursor(q.cursor) : null;
  const rows = await db
    .select({ c: ticketComments, authorName: users.name })
    .from(ticketComments)
    .leftJoin(users, eq(users.id, ticketComments.authorId))
    .where(
      and(
        eq(ticketComments.ticketId, ticketId),
        visibleComments(actor),
        after
          ? or(gt(ticketComments.createdAt, new Date(after.t)), and(eq(ticketComments.createdAt, new Date(after.t)), gt(ticketComments.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(asc(ticketComments.createdAt), asc(ticketComments.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    data: page.map((r) => toComment({ ...r.c, authorName: r.authorName })),
    nextCursor: more && last ? encodeCursor(last.c.createdAt, last.c.id) : null,
  };
}

/**
 * A comment. Staff's public reply meets the owed reply and leaves the ticket pending, or
 * resolved when it was (or the `status` they chose); a requester's reopens a pending or resolved ticket. An internal note
 * changes nothing the requester could notice: not the status, the SLA, nor the ticket's times.
 */
export async function addComment(db: Db, principal: Principal, ticketId: string, input: CreateCommentInput, opts: { now?: Date } = {}): Promise<TicketComment> {
  const actor = supportActor(principal);
  const staff = actor.kind === "staff";
  if (!staff && input.internal) {
    throw new DomainError("FORBIDDEN", "Internal notes are for support staff", [{ path: "internal", message: "staff only" }]);
  }
  if (!staff && input.status !== undefined) {
    throw new DomainError("FORBIDDEN", "Only support staff choose the status a comment leaves the ticket in", [{ path: "status", message: "staff only" }]);
  }
  if (input.internal && input.status !== undefined) {
    throw new Invalid("An internal note never changes the ticket's status", [{ path: "status", message: "not allowed with internal: true" }]);
  }
  const comment = await db.transaction(async (tx) => {
    const row = await ticketRow(tx, actor, ticketId, { forUpdate: true });
    // Read after the lock: comments on one ticket commit in the order of their times, so the
    // thread's order is the order they were written and lastCommentAt never goes back.
    const now = opts.now ?? new Date();
    assertNotClosed(row);
    const [c] = await tx
      .insert(ticketComments)
      .values({ ticketId: row.id, authorId: actor.userId, fromStaff: staff, body: input.body, internal: input.internal, createdAt: now })
      .returning();
    if (input.internal) return c;
    const next = staff ? afterStaffReply(stateOf(row), now, input.status) : afterRequesterComment(stateOf(row), now, await tierOf(tx, row));
    await tx
      .update(supportTickets)
      .set({ ...next, lastCommentAt: now, updatedAt: now })
      .where(eq(supportTickets.id, row.id));
    if (staff) await noticeStaffReply(tx, row, actor.userId, input.body, next.status === "resolved" && row.status !== "resolved");
    else await noticeRequesterComment(tx, row, actor.userId, input.body);
    return c;
  });
  const [author] = comment.authorId ? await db.select({ name: users.name }).from(users).where(eq(users.id, comment.authorId)) : [];
  return toComment({ ...comment, authorName: author?.name ?? null });
}
