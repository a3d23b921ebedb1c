import { z } from "zod";
import { PageQuery } from "@/lib/pagination/cursor";

// Reviews of marketplace listings: what a customer writes, what the listing's partner answers,
// what admins moderate. One schema per shape; the same ones validate requests, type the code and
// describe the API in the OpenAPI document.

// Control characters make no sense in a review and can hide text from moderators; line breaks
// are fine in a body, not in a title or a reason line.
const controlChars = (allowLines: boolean) => (allowLines ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/);
const text = (max: number, opts: { min?: number; lines?: boolean } = {}) =>
  z
    .string()
    .trim()
    .min(opts.min ?? 0, opts.min ? (opts.min === 1 ? "is required" : `must be at least ${opts.min} characters`) : undefined)
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !controlChars(opts.lines ?? false).test(v), "must not contain control characters");

export const REVIEW_LIMITS = { title: 120, body: 5000, reply: 5000, reason: 1000 } as const;

/** Reviews per page on the listing page (its first page is rendered on the server). */
export const REVIEWS_PAGE_SIZE = 10;

const Rating = z.number().int("must be a whole number of stars").min(1, "must be 1 to 5").max(5, "must be 1 to 5").describe("Stars, 1 to 5");
const Title = text(REVIEW_LIMITS.title).describe("Optional headline");
const Body = text(REVIEW_LIMITS.body, { min: 1, lines: true });

export const CreateReview = z
  .object({ rating: Rating, title: Title.optional(), body: Body })
  .strict()
  .meta({ id: "CreateReview" });
export type CreateReview = z.infer<typeof CreateReview>;

/**
 * One PATCH for two callers: the author changes `rating`, `title` or `body` (the review is marked
 * edited); a platform admin sends `hidden` (with a `reason` when hiding) to moderate it.
 */
export const UpdateReview = z
  .object({
    rating: Rating.optional(),
    title: Title.optional(),
    body: Body.optional(),
    hidden: z.boolean().optional().describe("Admins only: true hides the review (a reason is required), false restores it"),
    reason: text(REVIEW_LIMITS.reason, { min: 3 }).optional().describe("Why the review is hidden; required with hidden: true"),
  })
  .strict()
  .superRefine((v, ctx) => {
    const content = (["rating", "title", "body"] as const).filter((k) => v[k] !== undefined);
    if (v.hidden === undefined) {
      if (v.reason !== undefined) ctx.addIssue({ code: "custom", path: ["reason"], message: "only goes with hidden: true" });
      else if (content.length === 0) ctx.addIssue({ code: "custom", path: [], message: "send rating, title or body to change (or hidden, for admins)" });
      return;
    }
    // Moderation and authoring are different callers: one request does one or the other.
    for (const k of content) ctx.addIssue({ code: "custom", path: [k], message: "cannot be changed together with hidden" });
    if (content.length) ctx.addIssue({ code: "custom", path: ["hidden"], message: "cannot be sent together with rating, title or body" });
    if (v.hidden && v.reason === undefined) ctx.addIssue({ code: "custom", path: ["reason"], message: "is required to hide a review" });
    if (!v.hidden && v.reason !== undefined) ctx.addIssue({ code: "custom", path: ["reason"], message: "only goes with hidden: true" });
  })
  .meta({ id: "UpdateReview" });
export type UpdateReview = z.infer<typeof UpdateReview>;

export const ReplyToReview = z.object({ body: text(REVIEW_LIMITS.reply, { min: 1, lines: true }) }).strict().meta({ id: "ReplyToReview" });
export type ReplyToReview = z.infer<typeof ReplyToReview>;

export const ReportReview = z
  .object({ reason: text(REVIEW_LIMITS.reason, { min: 3, lines: true }).describe("What is wrong with the review (moderators read it)") })
  .strict()
  .meta({ id: "ReportReview" });
export type ReportReview = z.infer<typeof ReportReview>;

export const reviewSorts = ["newest", "helpful", "lowest"] as const;
export type ReviewSort = (typeof reviewSorts)[number];

export const ListReviewsQuery = PageQuery.extend({
  sort: z.enum(reviewSorts).default("newest").describe("newest first (default), most helpful first, or lowest rating first"),
  rating: z.coerce.number().int().min(1).max(5).optional().describe("Only reviews with this many stars"),
  cursor: z.string().max(300).optional(),
})
  .strict()
  .meta({ id: "ListReviewsQuery" });
export type ListReviewsQuery = z.infer<typeof ListReviewsQuery>;

const Reply = z
  .object({
    body: z.string(),
    createdAt: z.string(),
    editedAt: z.string().nullable().describe("Set when the partner changed the reply"),
  })
  .meta({ id: "ReviewReply" });

export const Review = z
  .object({
    id: z.uuid(),
    rating: z.number().int(),
    title: z.string(),
    body: z.string(),
    author: z.object({ name: z.string() }),
    account: z.object({ name: z.string().describe("The agency the author reviewed for") }),
    createdAt: z.string(),
    editedAt: z.string().nullable().describe("Set when the author changed the review"),
    helpfulCount: z.number().int(),
    viewerVoted: z.boolean().optional().describe("Signed-in callers: whether they marked it helpful"),
    own: z.boolean().optional().describe("Signed-in callers: whether they wrote it"),
    reply: Reply.nullable().describe("The listing partner's answer"),
  })
  .meta({ id: "Review" });
export type Review = z.infer<typeof Review>;

/** A review as its author and admins see it: whether it was hidden, and why. */
export const ModeratedReview = Review.extend({
  hidden: z.boolean(),
  hiddenAt: z.string().nullable(),
  hiddenReason: z.string().nullable(),
}).meta({ id: "ModeratedReview" });
export type ModeratedReview = z.infer<typeof ModeratedReview>;

const stars = z.enum(["1", "2", "3", "4", "5"]);

export const reviewBlockers = ["sign_in", "not_a_person", "own_partner", "already_reviewed", "not_installed", "not_public"] as const;
export type ReviewBlocker = (typeof reviewBlockers)[number];

export const ReviewViewer = z
  .object({
    signedIn: z.boolean(),
    canReview: z.boolean().describe("Whether POST …/reviews would be accepted now"),
    blocker: z
      .enum(reviewBlockers)
      .nullable()
      .describe("Why not: sign_in, not_a_person (a credential without a user), own_partner, already_reviewed, not_installed (no install now or in the last 45 days), not_public"),
    review: ModeratedReview.nullable().describe("The caller's own review of this listing, hidden or not"),
    canReply: z.boolean().describe("A member of the listing's partner who may answer reviews"),
    canModerate: z.boolean().describe("A platform admin"),
  })
  .meta({ id: "ReviewViewer" });
export type ReviewViewer = z.infer<typeof ReviewViewer>;

export const ReviewPage = z
  .object({
    data: z.array(Review),
    nextCursor: z.string().nullable(),
    summary: z
      .object({
        average: z.number().nullable().describe("Mean of visible reviews, one decimal"),
        count: z.number().int(),
        histogram: z.record(stars, z.number().int()),
      })
      .describe("Over every visible review (not only the filtered ones): the same numbers as the listing page"),
    viewer: ReviewViewer,
  })
  .meta({ id: "ReviewPage" });
export type ReviewPage = z.infer<typeof ReviewPage>;

export const HelpfulVote = z
  .object({ reviewId: z.uuid(), helpfulCount: z.number().int(), viewerVoted: z.boolean() })
  .meta({ id: "ReviewHelpfulVote" });
export type HelpfulVote = z.infer<typeof HelpfulVote>;

export const ReviewReportReceipt = z
  .object({ id: z.uuid(), reviewId: z.uuid(), reason: z.string(), createdAt: z.string(), status: z.enum(["open", "resolved"]) })
  .meta({ id: "ReviewReportReceipt" });
export type ReviewReportReceipt = z.infer<typeof ReviewReportReceipt>;

export const reportStatuses = ["open", "resolved"] as const;
export const ListReviewReportsQuery = PageQuery.extend({
  status: z.enum(reportStatuses).default("open").describe("open: waiting for a decision (oldest first); resolved: decided (latest first)"),
  cursor: z.string().max(300).optional(),
})
  .strict()
  .meta({ id: "ListReviewReportsQuery" });
export type ListReviewReportsQuery = z.infer<typeof ListReviewReportsQuery>;

export const ReviewReportGroup = z
  .object({
    id: z.uuid().describe("The report to act on: POST /marketplace/review-reports/{id}/dismiss decides every open report of the review"),
    status: z.enum(reportStatuses),
    resolution: z.enum(["hidden", "dismissed"]).nullable(),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.object({ name: z.string() }).nullable(),
    firstReportedAt: z.string(),
    reportCount: z.number().int().describe("Reports of the review in this status"),
    reports: z
      .array(z.object({ id: z.uuid(), reason: z.string(), reporter: z.object({ name: z.string() }), createdAt: z.string() }))
      .describe("The latest 20 of them"),
    review: ModeratedReview,
    listing: z.object({ slug: z.string(), name: z.string(), partner: z.object({ name: z.string() }) }),
  })
  .meta({ id: "ReviewReportGroup" });
export type ReviewReportGroup = z.infer<typeof ReviewReportGroup>;
