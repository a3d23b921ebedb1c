import { DomainError } from "@/lib/errors";
import type { PartnerTier } from "@/lib/partners/schemas";
import type { FollowUpAction, TicketPriority, TicketStatus, UpdateTicketInput } from "./schemas";
import { fulfilSla, pauseSla, replyOwedSla, reprioritisedSla, resumeSla, settleSla, type SlaFields } from "./sla";

// A ticket's lifecycle as pure functions of (state, event, now): open (waiting on staff) →
// pending (waiting on the requester) → resolved → closed. Closed never changes. Each event
// returns the next state; the callers only load, lock and store.

/** The requester's rating of a resolution. */
export type Satisfaction = { satisfactionRating: number | null; satisfactionComment: string | null; satisfactionAt: Date | null };

export type TicketState = SlaFields &
  Satisfaction & {
    status: TicketStatus;
    priority: TicketPriority;
    resolvedAt: Date | null;
    closedAt: Date | null;
  };

export type TicketRef = { id: string; number: number; status: TicketStatus };

/** The lifecycle's part of a stored ticket (the columns these functions read and write). */
export function stateOf(r: TicketState): TicketState {
  return {
    status: r.status,
    priority: r.priority,
    resolvedAt: r.resolvedAt,
    closedAt: r.closedAt,
    awaitingFirstReply: r.awaitingFirstReply,
    replyClockStartedAt: r.replyClockStartedAt,
    firstReplyDueAt: r.firstReplyDueAt,
    firstRepliedAt: r.firstRepliedAt,
    nextReplyDueAt: r.nextReplyDueAt,
    slaPausedMs: r.slaPausedMs,
    slaPausedAt: r.slaPausedAt,
    slaBreached: r.slaBreached,
    satisfactionRating: r.satisfactionRating,
    satisfactionComment: r.satisfactionComment,
    satisfactionAt: r.satisfactionAt,
  };
}

/** Resolved tickets close by themselves this long after they were resolved. */
export const CLOSE_RESOLVED_AFTER_MS = 4 * 24 * 3_600_000;

/** Where a closed ticket's conversation continues: a new ticket that follows it up (the `followUp` member of a TICKET_CLOSED problem). */
export function followUpAction(t: Pick<TicketRef, "id">): FollowUpAction {
  return { method: "POST", href: "/api/v1/support/tickets", body: { followUpOf: t.id } };
}

export function ticketClosed(t: Pick<TicketRef, "id" | "number">): DomainError {
  return new DomainError(
    "TICKET_CLOSED",
    `Ticket #${t.number} is closed and never changes. Open a new ticket with "followUpOf": "${t.id}" to continue the conversation.`,
    [{ path: "status", message: "is closed" }],
    undefined,
    { followUp: followUpAction(t) },
  );
}

export function invalidTransition(from: TicketStatus, to: TicketStatus, why?: string): DomainError {
  const article = from === "open" ? "An" : "A";
  return new DomainError("INVALID_TRANSITION", `${article} ${from} ticket cannot become ${to}${why ? `: ${why}` : ""}`, [
    { path: "status", message: `${from} → ${to} is not allowed` },
  ]);
}

export function assertNotClosed(t: TicketRef) {
  if (t.status === "closed") throw ticketClosed(t);
}

/**
 * Nobody closes a ticket by hand: the scheduler closes it 4 days after it was resolved, so the
 * requester always has those days to reopen it (or rate the resolution).
 */
function assertNotClosing(t: TicketRef, to: TicketStatus | undefined) {
  if (to === "closed") throw invalidTransition(t.status, to, "closed happens 4 days after resolved");
}

/** Staff may move a ticket between open, pending and resolved freely. */
export function assertStaffMove(t: TicketRef, to: TicketStatus) {
  assertNotClosed(t);
  assertNotClosing(t, to);
}

/** A requester may only resolve their ticket: any other field, or any other status, is refused naming it. */
export function assertRequesterUpdate(t: TicketRef, input: UpdateTicketInput) {
  assertNotClosed(t);
  assertNotClosing(t, input.status);
  for (const field of ["priority", "category", "assigneeId"] as const) {
    if (input[field] !== undefined) {
      throw new DomainError("FORBIDDEN", `Only support staff can change ${field}; you can resolve your ticket`, [{ path: field, message: "staff only" }]);
    }
  }
  if (input.status !== undefined && input.status !== "resolved") {
    throw new DomainError("FORBIDDEN", `You can resolve your ticket; only support staff can set it ${input.status}`, [
      { path: "status", message: "requesters may only set resolved" },
    ]);
  }
}

const unrated: Satisfaction = { satisfactionRating: null, satisfactionComment: null, satisfactionAt: null };

/**
 * Moves to `to` with its side effects on the clock: pending pauses it, resolved and closed owe
 * nothing. Leaving resolved (other than to closed) reopens the ticket: the rating was of the
 * resolution that no longer stands. Unchecked: assert first.
 */
export function withStatus(s: TicketState, to: TicketStatus, now: Date): TicketState {
  if (s.status === to) return s;
  let next: TicketState = { ...s, status: to };
  if (s.status === "pending") next = { ...next, ...resumeSla(next, now) };
  if (s.status === "resolved" && to !== "closed") next = { ...next, ...unrated, resolvedAt: null };
  if (to === "pending") next = { ...next, ...pauseSla(next, now) };
  if (to === "resolved") next = { ...next, ...settleSla(next, now), resolvedAt: now };
  if (to === "closed") next = { ...next, ...settleSla(next, now), closedAt: now };
  return next;
}

/** Staff set a status by hand. Reopening a resolved ticket means the requester is owed an answer again, from now. */
export function afterStaffMove(s: TicketState, to: TicketStatus, now: Date, tier: PartnerTier | null): TicketState {
  const next = withStatus(s, to, now);
  return s.status === "resolved" && to === "open" ? { ...next, ...replyOwedSla(next, now, next.priority, tier) } : next;
}

/**
 * A staff public reply meets the owed reply and leaves the ticket waiting on the requester
 * (pending), or still resolved when it was (a word after the resolution does not undo it, nor
 * its closing in 4 days), unless told otherwise.
 */
export function afterStaffReply(s: TicketState, now: Date, status?: TicketStatus): TicketState {
  const to = status ?? (s.status === "resolved" ? "resolved" : "pending");
  return withStatus({ ...s, ...fulfilSla(s, now) }, to, now);
}

/** A requester's comment reopens a pending or resolved ticket and, after a staff reply, starts a new reply clock. */
export function afterRequesterComment(s: TicketState, now: Date, tier: PartnerTier | null): TicketState {
  const reopened = withStatus(s, "open", now);
  return { ...reopened, ...replyOwedSla(reopened, now, reopened.priority, tier) };
}

/** A new priority moves the running clock's due times to the new target (a due time already passed stays missed). */
export function withPriority(s: TicketState, priority: TicketPriority, tier: PartnerTier | null, now: Date): TicketState {
  if (s.priority === priority) return s;
  return { ...s, ...reprioritisedSla(s, priority, tier, now), priority };
}
