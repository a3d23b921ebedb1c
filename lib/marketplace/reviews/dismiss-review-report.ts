import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { reviewReports } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { rowsOf } from "@/lib/db/rows";
import { Conflict, NotFound } from "@/lib/errors";
import { listReviewReports } from "./list-review-reports";
import type { ReviewReportGroup } from "./schemas";

/**
 * POST /marketplace/review-reports/{id}/dismiss (admins): the review stays. The decision is about the
 * review, so every open report of it is resolved as "dismissed", not only the one named.
 */
export async function dismissReviewReport(db: Db, principal: Principal, id: string): Promise<ReviewReportGroup> {
  if (!isUuid(id)) throw new NotFound("Report");
  const reviewId = await db.transaction(async (tx) => {
    const [report] = rowsOf<{ review_id: string; resolved: boolean }>(
      await tx.execute(sql`select review_id, resolved_at is not null as resolved from review_reports where id = ${id} for update`),
    );
    if (!report) throw new NotFound("Report");
    if (report.resolved) throw new Conflict("This report is already resolved", [{ path: "status", message: "is resolved" }]);
    await tx
      .update(reviewReports)
      .set({ resolvedAt: new Date(), resolvedBy: principal.userId, resolution: "dismissed" })
      .where(and(eq(reviewReports.reviewId, report.review_id), isNull(reviewReports.resolvedAt)));
    return report.review_id;
  });
  const page = await listReviewReports(db, { status: "resolved", limit: 1 }, { reviewId });
  return page.data[0];
}
