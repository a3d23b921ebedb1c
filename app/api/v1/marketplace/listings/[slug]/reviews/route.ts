import { Reply } from "@/lib/http/reply";
import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { createReview } from "@/lib/marketplace/reviews/create-review";
import { listReviews } from "@/lib/marketplace/reviews/list-reviews";
import { CreateReview, ListReviewsQuery } from "@/lib/marketplace/reviews/schemas";

export const GET = route({ auth: "public", query: ListReviewsQuery }, ({ db, principal, params, query }) => listReviews(db, principal, params.slug, query));

export const POST = route({ body: CreateReview, idempotent: true, audit: "review.created" }, async ({ db, principal, params, body }) =>
  Reply.created(await createReview(db, principal, params.slug, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
