import { Reply } from "@/lib/http/reply";
import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { deleteReview } from "@/lib/marketplace/reviews/delete-review";
import { UpdateReview } from "@/lib/marketplace/reviews/schemas";
import { updateReview } from "@/lib/marketplace/reviews/update-review";

export const PATCH = route({ body: UpdateReview, audit: "review.updated" }, ({ db, principal, params, body }) => updateReview(db, principal, params.id, body));

export const DELETE = route({ audit: "review.deleted" }, async ({ db, principal, params }) => {
  await deleteReview(db, principal, params.id);
  return Reply.noContent();
});

export const { GET, POST, PUT } = otherMethods("PATCH", "DELETE");
