import { otherMethods } from "@/lib/http/method-not-allowed";
import { route } from "@/lib/http/route";
import { rateTicket } from "@/lib/support/rate-ticket";
import { SatisfactionInput } from "@/lib/support/schemas";

export const POST = route({ scopes: ["write:support"], body: SatisfactionInput, audit: "support_ticket.rated" }, ({ db, principal, params, body }) =>
  rateTicket(db, principal, params.id, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
