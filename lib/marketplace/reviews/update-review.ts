import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { reviewReports, reviews } from "@/db/schema";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import { moveRating } from "./move-rating";
import { assertReviewWriter, lockReview, type LockedReview } from "./review-access";
import { loadReview, toModeratedReview } from "./review-item";
import type { ModeratedReview, UpdateReview } from "./schemas";

/**
 * PATCH /marketplace/reviews/{id}. The author changes rating, title or body (the review is marked
 * edited when something changed); an admin hides it with a reason, or restores it. Every change to a
 * visible rating moves the listing's counters in the same transaction.
 */
export async function updateReview(db: Db, principal: Principal, id: string, input: UpdateReview): Promise<ModeratedReview> {
  assertReviewWriter(principal);
  await db.transaction(async (tx) => {
    const review = await lockReview(tx, principal, id);
    if (input.hidden !== undefined) await moderate(tx, principal, review, input.hidden, input.reason ?? null);
    else await edit(tx, principal, review, input);
  });
  return toModeratedReview((await loadReview(db, id, principal.userId))!, principal.userId);
}

async function edit(tx: Db, principal: Principal, review: LockedReview, input: UpdateReview) {
  if (principal.userId === null || review.user_id !== principal.userId) throw new Forbidden("Only its author can change a review");
  const next = { rating: input.rating ?? review.rating, title: input.title ?? review.title, body: input.body ?? review.body };
  if (next.rating === review.rating && next.title === review.title && next.body === review.body) return;
  const now = new Date();
  await tx.update(reviews).set({ ...next, editedAt: now, updatedAt: now }).where(eq(reviews.id, review.id));
  if (!review.hidden) await moveRating(tx, review.listing_id, { count: 0, sum: next.rating - review.rating });
}

async function moderate(tx: Db, principal: Principal, review: LockedReview, hide: boolean, reason: string | null) {
  if (!isAdmin(principal)) throw new Forbidden("Only platform admins hide or restore reviews");
  const now = new Date();
  if (hide) {
    await tx.update(reviews).set({ hiddenAt: review.hidden ? undefined : now, hiddenReason: reason, hiddenBy: principal.userId, updatedAt: now }).where(eq(reviews.id, review.id));
    // The reports that asked for it are answered.
    await tx
      .update(reviewReports)
      .set({ resolvedAt: now, resolvedBy: principal.userId, resolution: "hidden" })
      .where(and(eq(reviewReports.reviewId, review.id), isNull(reviewReports.resolvedAt)));
    if (!review.hidden) {
      await moveRating(tx, review.listing_id, { count: -1, sum: -review.rating });
      await notify(tx, {
        kind: "review.hidden",
        to: { users: [review.user_id] },
        link: `/marketplace/apps/${review.listing_slug}`,
        title: `Your review of ${review.listing_name} was hidden by a moderator`,
        body: `Reason: ${reason}`,
      });
    }
    return;
  }
  if (!review.hidden) return;
  await tx.update(reviews).set({ hiddenAt: null, hiddenReason: null, hiddenBy: null, updatedAt: now }).where(eq(reviews.id, review.id));
  await moveRating(tx, review.listing_id, { count: 1, sum: review.rating });
}
