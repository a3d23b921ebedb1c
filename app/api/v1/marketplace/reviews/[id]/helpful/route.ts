import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { addHelpfulVote } from "@/lib/marketplace/reviews/add-helpful-vote";
import { removeHelpfulVote } from "@/lib/marketplace/reviews/remove-helpful-vote";

export const POST = route({ idempotent: true, audit: "review.voted" }, ({ db, principal, params }) => addHelpfulVote(db, principal, params.id));

export const DELETE = route({ audit: "review.unvoted" }, ({ db, principal, params }) => removeHelpfulVote(db, principal, params.id));

export const { GET, PUT, PATCH } = otherMethods("POST", "DELETE");
