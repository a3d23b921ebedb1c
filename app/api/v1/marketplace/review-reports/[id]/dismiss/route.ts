import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { dismissReviewReport } from "@/lib/marketplace/reviews/dismiss-review-report";

export const POST = route({ admin: true, idempotent: true, audit: "review_report.dismissed" }, ({ db, principal, params }) =>
  dismissReviewReport(db, principal, params.id),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
