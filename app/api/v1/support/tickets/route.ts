import { otherMethods } from "@/lib/http/method-not-allowed";
import { Reply } from "@/lib/http/reply";
import { route } from "@/lib/http/route";
import { createTicket } from "@/lib/support/create-ticket";
import { listTickets } from "@/lib/support/list-tickets";
import { CreateTicketInput, ListTicketsQuery } from "@/lib/support/schemas";

export const GET = route({ scopes: ["read:support"], query: ListTicketsQuery }, ({ db, principal, query }) => listTickets(db, principal, query));

export const POST = route({ scopes: ["write:support"], body: CreateTicketInput, audit: "support_ticket.created" }, async ({ db, principal, body }) =>
  Reply.created(await createTicket(db, principal, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
