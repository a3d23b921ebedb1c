import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { replyToReview } from "@/lib/marketplace/reviews/reply-to-review";
import { ReplyToReview } from "@/lib/marketplace/reviews/schemas";

export const POST = route({ body: ReplyToReview, idempotent: true, audit: "review.replied" }, ({ db, principal, params, body }) =>
  replyToReview(db, principal, params.id, body),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
