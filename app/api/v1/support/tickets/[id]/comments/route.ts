import { otherMethods } from "@/lib/http/method-not-allowed";
import { Reply } from "@/lib/http/reply";
import { route } from "@/lib/http/route";
import { CreateCommentInput, ListCommentsQuery } from "@/lib/support/schemas";
import { addComment, listComments } from "@/lib/support/ticket-comments";

export const GET = route({ scopes: ["read:support"], query: ListCommentsQuery }, ({ db, principal, params, query }) =>
  listComments(db, principal, params.id, query),
);

export const POST = route({ scopes: ["write:support"], body: CreateCommentInput, audit: "support_ticket.commented" }, async ({ db, principal, params, body }) =>
  Reply.created(await addComment(db, principal, params.id, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
