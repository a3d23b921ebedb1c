import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { partnerMembers, reviews } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { hasScope } from "@/lib/auth/scopes";
import { Forbidden } from "@/lib/errors";
import { notify } from "@/lib/notifications/notify";
import type { PartnerRole } from "@/lib/partners/schemas";
import { excerpt } from "./excerpt";
import { assertReviewWriter, lockReview } from "./review-access";
import { loadReview, toReview } from "./review-item";
import type { ReplyToReview, Review } from "./schemas";

/** The partner roles that speak for it in public (billing members do not). */
export const REPLY_ROLES: readonly PartnerRole[] = ["owner", "admin", "developer"];

/** Whether the caller answers reviews for this partner: a member in a replying role, or the partner's own API key. */
export async function canReplyFor(db: Db, principal: Principal, partnerId: string): Promise<boolean> {
  if (principal.type === "api_key") return principal.partnerId === partnerId && hasScope(principal.scopes, "write:marketplace");
  // An OAuth token acts for the customer who authorized it, never for the app's partner.
  if (principal.type !== "session" || !principal.userId) return false;
  const [member] = await db
    .select({ role: partnerMembers.role })
    .from(partnerMembers)
    .where(and(eq(partnerMembers.partnerId, partnerId), eq(partnerMembers.userId, principal.userId), inArray(partnerMembers.role, [...REPLY_ROLES])));
  return member !== undefined;
}

/**
 * POST /marketplace/reviews/{id}/reply: the listing's partner answers a review once; sending again
 * changes the answer, which is then marked edited. The author hears of the first answer.
 */
export async function replyToReview(db: Db, principal: Principal, id: string, input: ReplyToReview): Promise<Review> {
  assertReviewWriter(principal);
  await db.transaction(async (tx) => {
    const review = await lockReview(tx, principal, id);
    // Moderated reviews take no answers, even from admins who can see them.
    if (review.hidden) throw new Forbidden("This review is hidden: it takes no reply");
    if (!(await canReplyFor(tx, principal, review.partner_id)))
      throw new Forbidden("Only owners, admins and developers of the listing's partner reply to its reviews");
    const now = new Date();
    await tx
      .update(reviews)
      .set({
        partnerReply: input.body,
        partnerReplyAt: sql`coalesce(${reviews.partnerReplyAt}, ${now.toISOString()}::timestamptz)`,
        partnerReplyEditedAt: review.has_reply ? now : null,
        partnerReplyBy: principal.userId,
        updatedAt: now,
      })
      .where(eq(reviews.id, review.id));
    if (!review.has_reply) {
      await notify(tx, {
        kind: "review.replied",
        to: { users: [review.user_id] },
        link: `/marketplace/apps/${review.listing_slug}`,
        title: `${review.partner_name} replied to your review of ${review.listing_name}`,
        body: excerpt(input.body),
      });
    }
  });
  return toReview((await loadReview(db, id, principal.userId))!, principal.userId);
}
