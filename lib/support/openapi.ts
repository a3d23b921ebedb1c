import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { op, ProblemSchema } from "@/lib/openapi/operation";
import {
  CreateCommentInput,
  CreateTicketInput,
  FollowUpAction,
  LinkablePage,
  LinkableQuery,
  ListCommentsQuery,
  ListTicketsQuery,
  SatisfactionInput,
  SupportStats,
  Ticket,
  TicketComment,
  TicketCommentPage,
  TicketIdPath,
  TicketPage,
  UpdateTicketInput,
} from "./schemas";

const tags = ["Support"];

/** A 409 on a ticket: INVALID_TRANSITION, or TICKET_CLOSED with the request that continues the conversation. */
const TicketConflict = ProblemSchema.extend({
  followUp: FollowUpAction.optional().describe(
    'With `TICKET_CLOSED`: how to continue. Send `method` to `href` with `body` merged into a new ticket\'s body (`{"subject", "body", …, "followUpOf": "<this ticket>"}`).',
  ),
}).meta({ id: "TicketConflictProblem", description: "RFC 9457 problem details; `followUp` is an extension member" });

/** The operation with its 409 described by TicketConflict. */
function conflictsOnTicket(o: ZodOpenApiOperationObject): ZodOpenApiOperationObject {
  const responses = { ...o.responses, "409": { description: "The ticket's status does not allow this", content: { "application/problem+json": { schema: TicketConflict } } } };
  return { ...o, responses } as ZodOpenApiOperationObject;
}

const closedNote =
  'A closed ticket never changes: 409 `TICKET_CLOSED`, whose `followUp` member is the request that continues the conversation: `{"method": "POST", "href": "/api/v1/support/tickets", "body": {"followUpOf": "<id>"}}`.';

const who =
  "Requesters are partner members (and partner API keys or OAuth tokens) or, without a partner, customers: they see their own organisation's tickets only (another's is 404). Platform staff see every ticket.";

export const supportPaths: ZodOpenApiPathsObject = {
  "/support/tickets": {
    get: op({
      summary: "List tickets",
      tags,
      scopes: ["read:support"],
      query: ListTicketsQuery,
      response: TicketPage,
      description:
        `${who} Newest first; \`sort=sla\` is the staff queue: by the owed reply's due time (overdue first), tickets owing nothing last, then oldest first. ` +
        "`assignee`, `tier` and `partnerId` are staff filters: a requester using one gets 403 naming it. `q` matches the subject, or the number (`#1042`).",
    }),
    post: op({
      summary: "Open a ticket",
      tags,
      scopes: ["write:support"],
      body: CreateTicketInput,
      response: Ticket,
      status: 201,
      errors: [404],
      description:
        "By a partner member or credential, or a customer. `links` attach the requester's own objects (an application, API key, OAuth client, webhook endpoint, delivery, event, integration, invoice or payout; customers: their integrations); " +
        "one that is not theirs, or of a kind their role cannot read, is 404 naming `links.N`. `followUpOf` continues a closed ticket of theirs (404 when not theirs, 422 when not closed). " +
        "The first reply is due after the priority's target (urgent 1 h, high 4 h, normal 24 h, low 72 h; halved for enterprise partners). Staff are notified.",
    }),
  },
  "/support/tickets/{id}": {
    get: op({
      summary: "Get a ticket",
      tags,
      scopes: ["read:support"],
      path: TicketIdPath,
      response: Ticket,
      description: `${who} Links carry their object's live context (a delivery's attempts and last response, an invoice's total and status, …); for a requester whose role or credential cannot read that kind of object elsewhere, \`context\` is null.`,
    }),
    patch: conflictsOnTicket(
      op({
        summary: "Change a ticket",
        tags,
        scopes: ["write:support"],
        path: TicketIdPath,
        body: UpdateTicketInput,
        response: Ticket,
        errors: [409],
        description:
          "Staff change `priority` (the due times follow; a due time already passed stays a breach), `category`, `assigneeId` (a platform admin; else 422) and `status`: open, pending and resolved freely. " +
          "Reopening a resolved ticket (`open`) owes the requester a reply again, from now; leaving resolved clears the satisfaction rating. " +
          "`closed` is refused for everyone (409 `INVALID_TRANSITION`): a ticket closes by itself 4 days after it was resolved. " +
          `A requester may only set \`status: resolved\`; any other field or status is 403 naming it. ${closedNote}`,
      }),
    ),
  },
  "/support/tickets/{id}/comments": {
    get: op({
      summary: "List a ticket's comments",
      tags,
      scopes: ["read:support"],
      path: TicketIdPath,
      query: ListCommentsQuery,
      response: TicketCommentPage,
      description: "Oldest first. Requesters never see internal notes.",
    }),
    post: conflictsOnTicket(
      op({
        summary: "Comment on a ticket",
        tags,
        scopes: ["write:support"],
        path: TicketIdPath,
        body: CreateCommentInput,
        response: TicketComment,
        status: 201,
        errors: [409],
        description:
          "A requester's comment reopens a pending or resolved ticket (clearing its rating) and, after a staff reply, starts the next-reply clock. A staff public comment meets the owed reply and leaves the ticket `pending` (a resolved one stays `resolved`) unless `status` says otherwise; the requester's organisation is notified with an excerpt. " +
          `\`internal: true\` (staff only; a requester gets 403) is a note the requester never sees; it changes neither status nor SLA. ${closedNote}`,
      }),
    ),
  },
  "/support/tickets/{id}/satisfaction": {
    post: conflictsOnTicket(
      op({
        summary: "Rate a resolved ticket",
        tags,
        scopes: ["write:support"],
        path: TicketIdPath,
        body: SatisfactionInput,
        response: Ticket,
        errors: [409],
        description: `The requester rates a resolved ticket 1–5 (changeable while it stays resolved; reopening it clears the rating). Any other status: 409 \`INVALID_TRANSITION\`. ${closedNote}`,
      }),
    ),
  },
  "/support/linkable": {
    get: op({
      summary: "Objects to attach to a ticket",
      tags,
      scopes: ["read:support"],
      query: LinkableQuery,
      response: LinkablePage,
      description: "Requesters only: their own objects of one kind (or every kind), newest first, at most 50; `q` filters by label. Kinds their role cannot read elsewhere are left out.",
    }),
  },
  "/support/stats": {
    get: op({
      summary: "Ticket counts",
      tags,
      scopes: ["read:support"],
      response: SupportStats,
      description: "Requesters: their organisation's open and pending tickets. Staff: every ticket's, plus breached, due within the hour, and unassigned.",
    }),
  },
};
