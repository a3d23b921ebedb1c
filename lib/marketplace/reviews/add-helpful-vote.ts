import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { reviews, reviewVotes } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { assertReviewWriter, lockReview, personOf } from "./review-access";
import type { HelpfulVote } from "./schemas";

/**
 * POST /marketplace/reviews/{id}/helpful: one vote per user, never on one's own review. The vote and
 * the review's helpful_count change together; voting twice changes nothing.
 */
export async function addHelpfulVote(db: Db, principal: Principal, id: string): Promise<HelpfulVote> {
  assertReviewWriter(principal);
  const userId = personOf(principal, "Voting");
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, principal, id);
    if (review.hidden) throw new Forbidden("This review is hidden: it takes no votes");
    if (review.user_id === userId) throw new Forbidden("You cannot mark your own review helpful");
    const added = await tx.insert(reviewVotes).values({ reviewId: review.id, userId }).onConflictDoNothing().returning({ userId: reviewVotes.userId });
    const [row] = await tx
      .update(reviews)
      .set({ helpfulCount: sql`${reviews.helpfulCount} + ${added.length}::int` })
      .where(eq(reviews.id, review.id))
      .returning({ helpfulCount: reviews.helpfulCount });
    return { reviewId: review.id, helpfulCount: row.helpfulCount, viewerVoted: true };
  });
}
