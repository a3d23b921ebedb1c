import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";
import { ticketPriority, ticketStatus } from "./enums";
import { partners } from "./partners";
import { users } from "./users";

export const supportTickets = pgTable(
  "support_tickets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerId: uuid("partner_id").references(() => partners.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    openedBy: uuid("opened_by").references(() => users.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    priority: ticketPriority("priority").notNull().default("normal"),
    status: ticketStatus("status").notNull().default("open"),
    category: text("category"),
    assignedTo: uuid("assigned_to").references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true, precision: 3 }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("support_tickets_partner_idx").on(t.partnerId, t.createdAt, t.id),
    index("support_tickets_partner_status_idx").on(t.partnerId, t.status, t.createdAt, t.id),
    index("support_tickets_account_idx").on(t.accountId, t.createdAt, t.id),
    index("support_tickets_status_idx").on(t.status, t.createdAt, t.id),
    index("support_tickets_assigned_idx").on(t.assignedTo, t.status, t.createdAt),
    index("support_tickets_opened_by_idx").on(t.openedBy, t.createdAt, t.id),
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
    body: text("body").notNull(),
    // Staff-only notes, never shown to the partner or customer.
    internal: boolean("internal").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("ticket_comments_ticket_idx").on(t.ticketId, t.createdAt, t.id),
    index("ticket_comments_author_idx").on(t.authorId),
  ],
);
