import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { reviewReports } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { Forbidden } from "@/lib/errors";
import { assertReviewWriter, lockReview, personOf } from "./review-access";
import type { ReportReview, ReviewReportReceipt } from "./schemas";

/**
 * POST /marketplace/reviews/{id}/report: anyone signed in flags a review for the admins. One report
 * per user and review: asking again answers with the first report (`created: false`), no second row.
 */
export async function reportReview(db: Db, principal: Principal, id: string, input: ReportReview): Promise<{ report: ReviewReportReceipt; created: boolean }> {
  assertReviewWriter(principal);
  const userId = personOf(principal, "Reporting a review");
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, principal, id);
    if (review.user_id === userId) throw new Forbidden("You cannot report your own review: edit or delete it instead");
    const inserted = await tx
      .insert(reviewReports)
      .values({ reviewId: review.id, reporterId: userId, reason: input.reason })
      .onConflictDoNothing({ target: [reviewReports.reviewId, reviewReports.reporterId] })
      .returning();
    const row =
      inserted[0] ??
      (await tx.select().from(reviewReports).where(and(eq(reviewReports.reviewId, review.id), eq(reviewReports.reporterId, userId))))[0];
    return {
      created: inserted.length > 0,
      report: { id: row.id, reviewId: row.reviewId, reason: row.reason, createdAt: row.createdAt.toISOString(), status: row.resolvedAt ? "resolved" : "open" },
    };
  });
}
