import { otherMethods } from "@/lib/http/method-not-allowed";
import { route } from "@/lib/http/route";
import { UpdateTicketInput } from "@/lib/support/schemas";
import { getTicket } from "@/lib/support/ticket-read";
import { updateTicket } from "@/lib/support/update-ticket";

export const GET = route({ scopes: ["read:support"] }, ({ db, principal, params }) => getTicket(db, principal, params.id));

export const PATCH = route({ scopes: ["write:support"], body: UpdateTicketInput, audit: "support_ticket.updated" }, ({ db, principal, params, body }) =>
  updateTicket(db, principal, params.id, body),
);

export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
