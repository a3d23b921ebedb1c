import type { Db } from "@/db";
import { reviews } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { pgConstraint } from "@/lib/db/errors";
import { Forbidden } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { AlreadyReviewed, NotInstalled } from "./errors";
import { excerpt } from "./excerpt";
import { moveRating } from "./move-rating";
import { assertReviewWriter } from "./review-access";
import { reviewEligibility } from "./review-eligibility";
import { loadReview, toModeratedReview } from "./review-item";
import { reviewListing } from "./review-listing";
import type { CreateReview, ModeratedReview } from "./schemas";

/**
 * POST /marketplace/listings/{slug}/reviews: a member of an account with the app installed (or
 * removed less than 45 days ago) rates it. The review, the listing's counters and the partner's
 * notification are one transaction.
 */
export async function createReview(db: Db, principal: Principal, slug: string, input: CreateReview): Promise<ModeratedReview> {
  assertReviewWriter(principal);
  const listing = await reviewListing(db, principal, slug);
  const eligible = await reviewEligibility(db, principal, listing);
  if (!eligible.ok) {
    switch (eligible.blocker) {
      case "already_reviewed":
        throw new AlreadyReviewed();
      case "not_installed":
        throw new NotInstalled();
      case "own_partner":
        throw new Forbidden("Members of the listing's partner cannot review its apps");
      case "not_public":
        throw new Forbidden("This listing is not public: it takes no reviews");
      default:
        throw new Forbidden("A review is written by a person: sign in, or use an OAuth token a member of the account authorized");
    }
  }

  let id: string;
  try {
    id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(reviews)
        .values({ listingId: listing.id, accountId: eligible.accountId, userId: eligible.userId, rating: input.rating, title: input.title ?? "", body: input.body })
        .returning({ id: reviews.id });
      await moveRating(tx, listing.id, { count: 1, sum: input.rating });
      await notify(tx, {
        kind: "review.created",
        to: { partner: listing.partnerId },
        partnerId: listing.partnerId,
        link: `/listings/${listing.slug}`,
        title: `New ${input.rating}-star review of ${listing.name}`,
        body: excerpt(input.title ? `${input.title}: ${input.body}` : input.body),
      });
      return row.id;
    });
  } catch (err) {
    // Two requests at once: the unique index lets one through.
    if (pgConstraint(err) === "reviews_listing_user_uq") throw new AlreadyReviewed();
    throw err;
  }
  return toModeratedReview((await loadReview(db, id, eligible.userId))!, eligible.userId);
}
