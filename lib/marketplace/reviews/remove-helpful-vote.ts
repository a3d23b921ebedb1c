import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { reviews, reviewVotes } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { assertReviewWriter, lockReview, personOf } from "./review-access";
import type { HelpfulVote } from "./schemas";

/** DELETE /marketplace/reviews/{id}/helpful: takes the caller's vote back (nothing to take back is fine). */
export async function removeHelpfulVote(db: Db, principal: Principal, id: string): Promise<HelpfulVote> {
  assertReviewWriter(principal);
  const userId = personOf(principal, "Voting");
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, principal, id);
    const removed = await tx
      .delete(reviewVotes)
      .where(and(eq(reviewVotes.reviewId, review.id), eq(reviewVotes.userId, userId)))
      .returning({ userId: reviewVotes.userId });
    const [row] = await tx
      .update(reviews)
      .set({ helpfulCount: sql`${reviews.helpfulCount} - ${removed.length}::int` })
      .where(eq(reviews.id, review.id))
      .returning({ helpfulCount: reviews.helpfulCount });
    return { reviewId: review.id, helpfulCount: row.helpfulCount, viewerVoted: false };
  });
}
