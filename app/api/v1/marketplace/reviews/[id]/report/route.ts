import { Reply } from "@/lib/http/reply";
import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { reportReview } from "@/lib/marketplace/reviews/report-review";
import { ReportReview } from "@/lib/marketplace/reviews/schemas";

// 201 for a new report; 200 with the first one when the caller had reported the review already.
export const POST = route({ body: ReportReview, idempotent: true, audit: "review.reported" }, async ({ db, principal, params, body }) => {
  const { report, created } = await reportReview(db, principal, params.id, body);
  return created ? Reply.created(report) : Reply.ok(report);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
