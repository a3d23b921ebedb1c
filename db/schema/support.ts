import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { ticketPriority, ticketStatus } from "./enums";
import { partners } from "./partners";
import { users } from "./users";

const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const supportTickets = pgTable(
  "support_tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Human-readable and increasing ("#1042"); gaps after a rolled-back insert are fine for tickets.
    number: integer("number").notNull().generatedAlwaysAsIdentity({ startWith: 1001 }),
    // The requester's organisation: a partner, or (for customers) an account. Exactly one is set.
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    priority: ticketPriority("priority").notNull().default("normal"),
    status: ticketStatus("status").notNull().default("open"),
    category: text("category").notNull().default("other"),
    assignedTo: uuid("assigned_to").references(() => users.id, { onDelete: "set null" }),
    /** A follow-up of a closed ticket (closed tickets never change, so a new one references it). */
    followUpOf: uuid("follow_up_of"),
    // SLA. The reply clock runs from `replyClockStartedAt` (creation, or the requester's latest
    // comment after a staff reply); `awaitingFirstReply` says which target applies.
    awaitingFirstReply: boolean("awaiting_first_reply").notNull().default(true),
    replyClockStartedAt: ts("reply_clock_started_at"),
    firstReplyDueAt: ts("first_reply_due_at"),
    firstRepliedAt: ts("first_replied_at"),
    /** The pending reply's due time; null when no reply is owed (staff replied last). */
    nextReplyDueAt: ts("next_reply_due_at"),
    /** Milliseconds the current reply clock spent paused (status pending), added to its due times. */
    slaPausedMs: integer("sla_paused_ms").notNull().default(0),
    /** Set while the ticket is pending (waiting on the requester): the SLA clock is paused. */
    slaPausedAt: ts("sla_paused_at"),
    slaBreached: boolean("sla_breached").notNull().default(false),
    /** The due time whose breach staff were last told about: one notice per breach. */
    slaBreachNotifiedFor: ts("sla_breach_notified_for"),
    lastCommentAt: ts("last_comment_at"),
    resolvedAt: ts("resolved_at"),
    closedAt: ts("closed_at"),
    satisfactionRating: smallint("satisfaction_rating"),
    satisfactionComment: text("satisfaction_comment"),
    satisfactionAt: ts("satisfaction_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("support_tickets_number_idx").on(t.number),
    index("support_tickets_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("support_tickets_partner_status_idx").on(t.partnerId, t.status, t.createdAt, t.id),
    index("support_tickets_account_idx").on(t.accountId, t.createdAt, t.id),
    index("support_tickets_status_idx").on(t.status, t.createdAt, t.id),
    index("support_tickets_assigned_idx").on(t.assignedTo, t.status, t.createdAt),
    index("support_tickets_opened_by_idx").on(t.openedBy, t.createdAt, t.id),
    // The breach job's scan: tickets owing a reply, by due time.
    index("support_tickets_next_reply_due_idx").on(t.nextReplyDueAt).where(sql`${t.status} in ('open', 'pending') and ${t.nextReplyDueAt} is not null`),
    // The closing job's scan.
    index("support_tickets_resolved_idx").on(t.resolvedAt).where(sql`${t.status} = 'resolved'`),
    check("support_tickets_owner_check", sql`(${t.partnerId} is not null) <> (${t.accountId} is not null)`),
    check("support_tickets_rating_check", sql`${t.satisfactionRating} is null or ${t.satisfactionRating} between 1 and 5`),
  ],
);

export const ticketComments = pgTable(
  "ticket_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => supportTickets.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    /** Written by platform staff (kept even if the author's admin flag changes later). */
    fromStaff: boolean("from_staff").notNull().default(false),
    body: text("body").notNull(),
    // Staff-only notes, never shown to the partner or customer.
    internal: boolean("internal").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("ticket_comments_ticket_idx").on(t.ticketId, t.createdAt, t.id),
    index("ticket_comments_author_idx").on(t.authorId),
    check("ticket_comments_internal_check", sql`not ${t.internal} or ${t.fromStaff}`),
  ],
);

/** The requester's own objects attached to a ticket (a failing delivery, a key, an invoice…). */
export const ticketLinks = pgTable(
  "ticket_links",
  {
    ticketId: uuid("ticket_id")
      .notNull()
      .references(() => supportTickets.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    type: text("type").notNull(),
    objectId: uuid("object_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketId, t.position] }), uniqueIndex("ticket_links_object_idx").on(t.ticketId, t.type, t.objectId)],
);
