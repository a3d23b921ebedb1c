import type { PartnerTier } from "@/lib/partners/schemas";
import type { TicketPriority, TicketStatus } from "./schemas";

// Reply targets in calendar hours (CONTRACT "Support"): how long staff have to answer,
// first on a new ticket and then after each requester message that follows a staff reply.

export const SLA_TARGET_HOURS: Record<TicketPriority, { first: number; next: number }> = {
  urgent: { first: 1, next: 2 },
  high: { first: 4, next: 8 },
  normal: { first: 24, next: 24 },
  low: { first: 72, next: 72 },
};

const HOUR_MS = 3_600_000;

/** The target in milliseconds; enterprise partners are promised half. Customers (no tier) get the standard one. */
export function replyTargetMs(priority: TicketPriority, tier: PartnerTier | null, kind: "first" | "next"): number {
  const ms = SLA_TARGET_HOURS[priority][kind] * HOUR_MS;
  return tier === "enterprise" ? ms / 2 : ms;
}

/** The SLA columns of a ticket, as stored. */
export type SlaFields = {
  awaitingFirstReply: boolean;
  replyClockStartedAt: Date | null;
  firstReplyDueAt: Date | null;
  firstRepliedAt: Date | null;
  /** Stored even while paused (shown as null then); null when no reply is owed. */
  nextReplyDueAt: Date | null;
  slaPausedMs: number;
  slaPausedAt: Date | null;
  slaBreached: boolean;
};

/** What a reader is shown: the owed reply's due time unless paused, and whether a target was missed. */
export type SlaView = { nextReplyDueAt: Date | null; slaPaused: boolean; slaBreached: boolean; overdue: boolean };

export function slaView(t: SlaFields & { status: TicketStatus }, now: Date): SlaView {
  const paused = t.slaPausedAt !== null;
  const active = t.status === "open" || t.status === "pending";
  const shown = active && !paused ? t.nextReplyDueAt : null;
  // The same test every step that stops the clock records: what a reader is shown at `now` is what is stored then.
  const overdue = active && missed(t, now);
  return { nextReplyDueAt: shown, slaPaused: paused, slaBreached: t.slaBreached || overdue, overdue };
}

const plus = (d: Date, ms: number) => new Date(d.getTime() + ms);

/** Due times of the running clock for `priority`: from its start, plus the target, plus the time it spent paused. */
export function dueTimes(t: SlaFields, priority: TicketPriority, tier: PartnerTier | null): Pick<SlaFields, "firstReplyDueAt" | "nextReplyDueAt"> {
  const start = t.replyClockStartedAt;
  if (!start) return { firstReplyDueAt: t.firstReplyDueAt, nextReplyDueAt: t.nextReplyDueAt };
  const kind = t.awaitingFirstReply ? "first" : "next";
  return {
    // The first-reply target is history once met; before that it moves with the priority.
    firstReplyDueAt: t.firstRepliedAt === null ? plus(start, replyTargetMs(priority, tier, "first") + t.slaPausedMs) : t.firstReplyDueAt,
    nextReplyDueAt: t.nextReplyDueAt === null ? null : plus(start, replyTargetMs(priority, tier, kind) + t.slaPausedMs),
  };
}

/** A new ticket owes its first reply. */
export function openingSla(now: Date, priority: TicketPriority, tier: PartnerTier | null): SlaFields {
  const due = plus(now, replyTargetMs(priority, tier, "first"));
  return {
    awaitingFirstReply: true,
    replyClockStartedAt: now,
    firstReplyDueAt: due,
    firstRepliedAt: null,
    nextReplyDueAt: due,
    slaPausedMs: 0,
    slaPausedAt: null,
    slaBreached: false,
  };
}

/**
 * Whether the owed reply's due time has come while the clock ran. Every step that stops,
 * pauses or moves the clock records this first: the flag must not depend on the breach job
 * having run in the minute between the due time and the step.
 */
export function missed(t: SlaFields, now: Date): boolean {
  return t.nextReplyDueAt !== null && t.slaPausedAt === null && t.nextReplyDueAt.getTime() <= now.getTime();
}

const breachedBy = (t: SlaFields, now: Date) => t.slaBreached || missed(t, now);

/** Stops the clock (the ticket waits on the requester). */
export function pauseSla(t: SlaFields, now: Date): SlaFields {
  return t.slaPausedAt ? t : { ...t, slaPausedAt: now, slaBreached: breachedBy(t, now) };
}

/** Restarts the clock: the time spent paused moves every due time of the running clock later. */
export function resumeSla(t: SlaFields, now: Date): SlaFields {
  if (!t.slaPausedAt) return t;
  const paused = Math.max(0, now.getTime() - t.slaPausedAt.getTime());
  return {
    ...t,
    slaPausedAt: null,
    slaPausedMs: t.slaPausedMs + paused,
    nextReplyDueAt: t.nextReplyDueAt ? plus(t.nextReplyDueAt, paused) : null,
    firstReplyDueAt: t.firstRepliedAt === null && t.firstReplyDueAt ? plus(t.firstReplyDueAt, paused) : t.firstReplyDueAt,
  };
}

/** A staff public reply meets the owed reply. */
export function fulfilSla(t: SlaFields, now: Date): SlaFields {
  return {
    ...t,
    firstRepliedAt: t.awaitingFirstReply ? now : t.firstRepliedAt,
    awaitingFirstReply: false,
    nextReplyDueAt: null,
    slaBreached: breachedBy(t, now),
  };
}

/**
 * A reply is owed from now (the requester wrote after a staff reply, or staff reopened a resolved
 * ticket). While a reply is already owed the clock keeps running from the earlier start (writing
 * again does not buy time).
 */
export function replyOwedSla(t: SlaFields, now: Date, priority: TicketPriority, tier: PartnerTier | null): SlaFields {
  if (t.nextReplyDueAt !== null) return t;
  const kind = t.awaitingFirstReply ? "first" : "next";
  const due = plus(now, replyTargetMs(priority, tier, kind));
  return {
    ...t,
    replyClockStartedAt: now,
    slaPausedMs: 0,
    nextReplyDueAt: due,
    firstReplyDueAt: t.awaitingFirstReply ? due : t.firstReplyDueAt,
  };
}

/** Resolved and closed tickets owe nothing, and nothing is paused; a reply already overdue stays missed. */
export function settleSla(t: SlaFields, now: Date): SlaFields {
  return { ...t, nextReplyDueAt: null, slaPausedAt: null, slaBreached: breachedBy(t, now) };
}

/** The running clock's due times for a new priority; a due time that already passed stays missed. */
export function reprioritisedSla(t: SlaFields, priority: TicketPriority, tier: PartnerTier | null, now: Date): SlaFields {
  return { ...t, ...dueTimes(t, priority, tier), slaBreached: breachedBy(t, now) };
}
