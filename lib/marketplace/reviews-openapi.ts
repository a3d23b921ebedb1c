import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { op, PageOf } from "@/lib/openapi/operation";
import {
  CreateReview,
  HelpfulVote,
  ListReviewReportsQuery,
  ListReviewsQuery,
  ModeratedReview,
  ReplyToReview,
  ReportReview,
  Review,
  ReviewPage,
  ReviewReportGroup,
  ReviewReportReceipt,
  UpdateReview,
} from "./reviews/schemas";

// The reviews paths of /api/v1.

const tags = ["Marketplace reviews"];
const slug = z.object({ slug: z.string() });
const id = z.object({ id: z.uuid() });

const writers =
  "Signed-in users act through their session; a bearer credential needs `write:marketplace` (an API key has no user, so it cannot write, vote or report).";

export const reviewPaths: ZodOpenApiPathsObject = {
  "/marketplace/listings/{slug}/reviews": {
    get: op({
      summary: "List a listing's reviews",
      tags,
      public: true,
      path: slug,
      query: ListReviewsQuery,
      response: ReviewPage,
      description:
        "Visible reviews only (hidden ones leave the list and every average). `summary` is over all visible reviews whatever the filter, and agrees with the listing's `rating` and `ratingHistogram`. `viewer` says whether the caller may review (and if not, why), may reply for the partner, or moderates; signed-in callers also get `viewerVoted` and `own` on each review.",
    }),
    post: op({
      summary: "Review a listing",
      tags,
      path: slug,
      body: CreateReview,
      response: ModeratedReview,
      status: 201,
      errors: [409],
      idempotent: true,
      description: `By a member of an account that has the app installed, or uninstalled it less than 45 days ago; otherwise 403 \`NOT_INSTALLED\`. One review per user and listing: a second is 409 \`ALREADY_REVIEWED\` (change it with PATCH). Members of the listing's partner cannot review its apps (403). The partner is notified. ${writers}`,
    }),
  },
  "/marketplace/reviews/{id}": {
    patch: op({
      summary: "Edit, hide or restore a review",
      tags,
      path: id,
      body: UpdateReview,
      response: ModeratedReview,
      description: `The author changes \`rating\`, \`title\` or \`body\` (the review gets \`editedAt\`). A platform admin sends \`{hidden: true, reason}\` to hide it (its open reports are resolved as "hidden" and it leaves the listing's average) or \`{hidden: false}\` to restore it. Another user's visible review: 403; a hidden one: 404. ${writers}`,
    }),
    delete: op({
      summary: "Delete a review",
      tags,
      path: id,
      status: 204,
      description: `By its author or a platform admin; its rating leaves the listing's average. ${writers}`,
    }),
  },
  "/marketplace/reviews/{id}/reply": {
    post: op({
      summary: "Reply to a review (or change the reply)",
      tags,
      path: id,
      body: ReplyToReview,
      response: Review,
      idempotent: true,
      description:
        "By an owner, admin or developer of the listing's partner, or the partner's API key with `write:marketplace`. One reply per review: sending again replaces it and sets its `editedAt`. The author is notified of the first reply. Hidden reviews take no reply.",
    }),
  },
  "/marketplace/reviews/{id}/report": {
    post: op({
      summary: "Report a review to the moderators",
      tags,
      path: id,
      body: ReportReview,
      response: ReviewReportReceipt,
      status: 201,
      idempotent: true,
      description: `Anyone signed in, once per review: reporting it again answers 200 with the first report. Not one's own review (403). ${writers}`,
    }),
  },
  "/marketplace/reviews/{id}/helpful": {
    post: op({
      summary: "Mark a review helpful",
      tags,
      path: id,
      response: HelpfulVote,
      idempotent: true,
      description: `One vote per user (voting again changes nothing); not on one's own review (403). ${writers}`,
    }),
    delete: op({ summary: "Take back a helpful vote", tags, path: id, response: HelpfulVote, description: writers }),
  },
  "/marketplace/review-reports": {
    get: op({
      summary: "The review moderation queue",
      tags,
      admin: true,
      query: ListReviewReportsQuery,
      response: PageOf(ReviewReportGroup, "ReviewReportPage"),
      description:
        "One entry per reported review, with the review (hidden or not), its listing, how many reported it and their reasons. `open`: oldest first; `resolved`: latest decision first. Hide with PATCH /marketplace/reviews/{id}; keep with POST /marketplace/review-reports/{id}/dismiss.",
    }),
  },
  "/marketplace/review-reports/{id}/dismiss": {
    post: op({
      summary: "Dismiss the reports of a review",
      tags,
      admin: true,
      path: id,
      response: ReviewReportGroup,
      errors: [409],
      idempotent: true,
      description: "The review stays; every open report of it is resolved as `dismissed`. A resolved report: 409.",
    }),
  },
};
