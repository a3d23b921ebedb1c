import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/lib/db/rows";
import { isoText } from "@/lib/marketplace/listing-item";
import type { ModeratedReview, Review } from "./schemas";

// How a review row becomes the API's Review: one column list and one mapping for every query
// that returns reviews (the list, the caller's own, the moderation queue, each mutation's answer).

/** Columns over `r` (reviews), `u` (its author) and `acc` (its account); `viewer_voted` for a signed-in user. */
export function reviewColumns(viewerId: string | null): SQL {
  return sql`r.id, r.listing_id, r.user_id, r.rating, r.title, r.body, u.name as author_name, acc.name as account_name,
    ${isoText(sql`r.created_at`)} as created_at, ${isoText(sql`r.edited_at`)} as edited_at, r.helpful_count,
    r.partner_reply, ${isoText(sql`r.partner_reply_at`)} as partner_reply_at, ${isoText(sql`r.partner_reply_edited_at`)} as partner_reply_edited_at,
    ${isoText(sql`r.hidden_at`)} as hidden_at, r.hidden_reason,
    ${viewerId ? sql`exists (select 1 from review_votes v where v.review_id = r.id and v.user_id = ${viewerId})` : sql`false`} as viewer_voted`;
}

export const reviewJoins = sql`join users u on u.id = r.user_id join accounts acc on acc.id = r.account_id`;

export type ReviewRow = {
  id: string;
  listing_id: string;
  user_id: string;
  rating: number;
  title: string;
  body: string;
  author_name: string;
  account_name: string;
  created_at: string;
  edited_at: string | null;
  helpful_count: number;
  partner_reply: string | null;
  partner_reply_at: string | null;
  partner_reply_edited_at: string | null;
  hidden_at: string | null;
  hidden_reason: string | null;
  viewer_voted: boolean;
};

/** The public shape; `viewerVoted` and `own` only for a signed-in caller. */
export function toReview(r: ReviewRow, viewerId: string | null): Review {
  return {
    id: r.id,
    rating: Number(r.rating),
    title: r.title,
    body: r.body,
    author: { name: r.author_name },
    account: { name: r.account_name },
    createdAt: r.created_at,
    editedAt: r.edited_at,
    helpfulCount: Number(r.helpful_count),
    ...(viewerId ? { viewerVoted: Boolean(r.viewer_voted), own: r.user_id === viewerId } : {}),
    reply: r.partner_reply !== null && r.partner_reply_at ? { body: r.partner_reply, createdAt: r.partner_reply_at, editedAt: r.partner_reply_edited_at } : null,
  };
}

/** With its moderation state: for its author and admins only. */
export function toModeratedReview(r: ReviewRow, viewerId: string | null): ModeratedReview {
  return { ...toReview(r, viewerId), hidden: r.hidden_at !== null, hiddenAt: r.hidden_at, hiddenReason: r.hidden_reason };
}

/** One review by id, whatever its state: callers decide who may see it. */
export async function loadReview(db: Db, id: string, viewerId: string | null): Promise<ReviewRow | undefined> {
  const [row] = rowsOf<ReviewRow>(await db.execute(sql`select ${reviewColumns(viewerId)} from reviews r ${reviewJoins} where r.id = ${id}`));
  return row;
}
