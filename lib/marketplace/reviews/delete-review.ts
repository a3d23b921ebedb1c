import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { reviews } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { moveRating } from "./move-rating";
import { assertReviewWriter, lockReview } from "./review-access";

/** DELETE /marketplace/reviews/{id}: by its author or an admin; a visible rating leaves the counters with it. */
export async function deleteReview(db: Db, principal: Principal, id: string): Promise<void> {
  assertReviewWriter(principal);
  await db.transaction(async (tx) => {
    const review = await lockReview(tx, principal, id);
    const author = principal.userId !== null && review.user_id === principal.userId;
    if (!author && !isAdmin(principal)) throw new Forbidden("Only its author or a platform admin can delete a review");
    // Votes and reports go with it (foreign keys cascade).
    await tx.delete(reviews).where(eq(reviews.id, review.id));
    if (!review.hidden) await moveRating(tx, review.listing_id, { count: -1, sum: -review.rating });
  });
}
