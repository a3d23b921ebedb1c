import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";

// The support API's shapes (CONTRACT "Support"). A ticket belongs to the requester's organisation:
// their partner, or (a customer) their account. Staff are platform admins.

export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const ticketStatuses = ["open", "pending", "resolved", "closed"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketCategories = ["technical", "billing", "account", "app_review", "integration", "other"] as const;
export type TicketCategory = (typeof ticketCategories)[number];
export const ticketLinkTypes = ["application", "key", "oauth_client", "webhook_endpoint", "delivery", "event", "integration", "invoice", "payout"] as const;
export type TicketLinkType = (typeof ticketLinkTypes)[number];

const Body = z.string().trim().min(1).max(20_000).describe("Markdown (rendered without HTML)");

export const TicketLinkInput = z.object({ type: z.enum(ticketLinkTypes), id: z.uuid() }).strict().meta({ id: "TicketLinkInput" });
export type TicketLinkInput = z.infer<typeof TicketLinkInput>;

export const CreateTicketInput = z
  .object({
    subject: z.string().trim().min(3).max(200),
    body: Body,
    priority: z.enum(ticketPriorities).default("normal"),
    category: z.enum(ticketCategories).default("other"),
    links: z
      .array(TicketLinkInput)
      .max(10)
      .default([])
      .refine((ls) => new Set(ls.map((l) => `${l.type}:${l.id}`)).size === ls.length, { message: "each object may be linked once" }),
    followUpOf: z.uuid().optional().describe("A closed ticket of the requester's this one follows up"),
  })
  .strict()
  .meta({ id: "CreateTicketInput" });
export type CreateTicketInput = z.infer<typeof CreateTicketInput>;

/** Requesters may only resolve their ticket; staff may change the rest. Closed tickets never change (409 TICKET_CLOSED). */
export const UpdateTicketInput = z
  .object({
    status: z
      .enum(["open", "pending", "resolved", "closed"])
      .optional()
      .describe("closed is refused (409 INVALID_TRANSITION): tickets close by themselves 4 days after they were resolved"),
    priority: z.enum(ticketPriorities).optional().describe("Staff only; recomputes the SLA due times"),
    category: z.enum(ticketCategories).optional().describe("Staff only"),
    assigneeId: z.uuid().nullable().optional().describe("Staff only: a platform admin, or null"),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "nothing to change" })
  .meta({ id: "UpdateTicketInput" });
export type UpdateTicketInput = z.infer<typeof UpdateTicketInput>;

export const CreateCommentInput = z
  .object({
    body: Body,
    internal: z.boolean().default(false).describe("Staff only: a note other staff see and the requester never does"),
    status: z
      .enum(["open", "pending", "resolved"])
      .optional()
      .describe("Staff only: the status to leave the ticket in (default: pending after a public reply; a resolved ticket stays resolved)"),
  })
  .strict()
  .meta({ id: "CreateCommentInput" });
export type CreateCommentInput = z.infer<typeof CreateCommentInput>;

export const SatisfactionInput = z
  .object({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(2000).optional() })
  .strict()
  .meta({ id: "SatisfactionInput" });
export type SatisfactionInput = z.infer<typeof SatisfactionInput>;

/** The `followUp` member of a 409 TICKET_CLOSED problem: the request that continues a closed ticket's conversation. */
export const FollowUpAction = z
  .object({
    method: z.literal("POST"),
    href: z.literal("/api/v1/support/tickets"),
    body: z.object({ followUpOf: z.uuid() }).describe("Merge into the new ticket's body (subject, body, …)"),
  })
  .meta({ id: "TicketFollowUpAction" });
export type FollowUpAction = z.infer<typeof FollowUpAction>;

/** What staff (and the requester) see about a linked object, read live when the ticket is read. */
export const TicketLinkContext = z
  .object({
    label: z.string().describe("e.g. the endpoint's URL, the invoice's number"),
    status: z.string().nullable().describe("e.g. a delivery's dead/succeeded, an invoice's open/paid, an integration's health"),
    tone: z.enum(["ok", "warning", "error", "neutral"]),
    /** Short facts, e.g. {"Last response": "500 Internal Server Error", "Attempts": "5"}. */
    details: z.record(z.string(), z.string()),
    href: z.string().nullable().describe("Where the object is in the portal, for whoever may open it"),
  })
  .meta({ id: "TicketLinkContext" });
export type TicketLinkContext = z.infer<typeof TicketLinkContext>;

export const TicketLink = z
  .object({
    type: z.enum(ticketLinkTypes),
    id: z.uuid(),
    context: TicketLinkContext.nullable().describe("null when the object no longer exists, or the caller's role or credential cannot read its kind"),
  })
  .meta({ id: "TicketLink" });
export type TicketLink = z.infer<typeof TicketLink>;

const Person = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const Ticket = z
  .object({
    id: z.uuid(),
    number: z.number().int().describe("Human-readable, increasing: #1001, #1002…"),
    subject: z.string(),
    body: z.string(),
    status: z.enum(ticketStatuses),
    priority: z.enum(ticketPriorities),
    category: z.enum(ticketCategories),
    links: z.array(TicketLink),
    requester: z.object({
      type: z.enum(["partner", "account"]),
      id: z.uuid(),
      name: z.string(),
      tier: z.enum(["standard", "premium", "enterprise"]).nullable().describe("The partner's tier (enterprise halves the SLA); null for accounts"),
    }),
    openedBy: Person,
    assignee: Person,
    followUpOf: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
    firstReplyDueAt: z.iso.datetime().nullable(),
    firstRepliedAt: z.iso.datetime().nullable(),
    nextReplyDueAt: z.iso.datetime().nullable().describe("When the pending staff reply is due; null when none is owed or the clock is paused"),
    slaPaused: z.boolean().describe("True while pending (waiting on the requester)"),
    slaBreached: z.boolean(),
    satisfaction: z.object({ rating: z.number().int(), comment: z.string().nullable(), ratedAt: z.iso.datetime() }).nullable(),
    commentCount: z.number().int().describe("Comments the caller can see"),
    lastCommentAt: z.iso.datetime().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Ticket" });
export type Ticket = z.infer<typeof Ticket>;

export const TicketPage = z.object({ data: z.array(Ticket), nextCursor: z.string().nullable() }).meta({ id: "TicketPage" });
export type TicketPage = z.infer<typeof TicketPage>;

export const TicketComment = z
  .object({
    id: z.uuid(),
    ticketId: z.uuid(),
    body: z.string(),
    internal: z.boolean(),
    author: z.object({ id: z.uuid().nullable(), name: z.string(), staff: z.boolean() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "TicketComment" });
export type TicketComment = z.infer<typeof TicketComment>;

export const TicketCommentPage = z.object({ data: z.array(TicketComment), nextCursor: z.string().nullable() }).meta({ id: "TicketCommentPage" });

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length))
    .optional();

export const ListTicketsQuery = PageQuery.extend({
  status: csv(ticketStatuses).describe("Comma list, e.g. open,pending"),
  priority: csv(ticketPriorities),
  category: csv(ticketCategories),
  assignee: z.union([z.literal("me"), z.literal("none"), z.uuid()]).optional().describe("Staff: me, none or an admin's id"),
  tier: z.enum(["standard", "premium", "enterprise"]).optional().describe("Staff: the requesting partner's tier"),
  partnerId: z.uuid().optional().describe("Staff: one partner's tickets"),
  q: z.string().trim().max(200).optional().describe("Subject contains, or #number"),
  sort: z.enum(["created", "sla"]).default("created").describe("sla: breached first, then by the next due time (the staff queue)"),
}).meta({ id: "ListTicketsQuery" });
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;

/** Comments oldest first (a thread reads top to bottom). */
export const ListCommentsQuery = PageQuery.meta({ id: "ListTicketCommentsQuery" });
export type ListCommentsQuery = z.infer<typeof ListCommentsQuery>;

/** The ticket id in a path. */
export const TicketIdPath = z.object({ id: z.uuid() });

/** GET /support/linkable: the requester's own objects to attach (the pickers). Without `type`, every type. */
export const LinkableQuery = z
  .object({
    type: z.enum(ticketLinkTypes).optional().describe("One kind of object; every kind when omitted"),
    q: z.string().trim().max(200).optional().describe("Label contains (case-insensitive)"),
  })
  .meta({ id: "LinkableQuery" });
export type LinkableQuery = z.infer<typeof LinkableQuery>;

export const LinkableItem = z
  .object({
    type: z.enum(ticketLinkTypes),
    id: z.uuid(),
    label: z.string(),
    description: z.string().describe("A short line: status, when, where"),
  })
  .meta({ id: "LinkableItem" });
export type LinkableItem = z.infer<typeof LinkableItem>;

export const LinkablePage = z.object({ data: z.array(LinkableItem).max(50) }).meta({ id: "LinkablePage" });
export type LinkablePage = z.infer<typeof LinkablePage>;

/** Requesters get {open, pending} for their organisation; staff also the queue's pressure points. */
export const SupportStats = z
  .object({
    open: z.number().int().describe("Tickets waiting on staff"),
    pending: z.number().int().describe("Tickets waiting on the requester"),
    breached: z.number().int().optional().describe("Staff: open or pending tickets that missed a reply target"),
    dueWithinHour: z.number().int().optional().describe("Staff: tickets whose owed reply is due within the hour"),
    unassigned: z.number().int().optional().describe("Staff: open or pending tickets nobody is assigned to"),
  })
  .meta({ id: "SupportStats" });
export type SupportStats = z.infer<typeof SupportStats>;
