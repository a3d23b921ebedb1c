import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listReviewReports } from "@/lib/marketplace/reviews/list-review-reports";
import { ListReviewReportsQuery } from "@/lib/marketplace/reviews/schemas";

export const GET = route({ admin: true, query: ListReviewReportsQuery }, ({ db, query }) => listReviewReports(db, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
