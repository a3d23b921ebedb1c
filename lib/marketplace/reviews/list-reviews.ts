import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { isUuid } from "@/lib/db/errors";
import { rowsOf } from "@/lib/db/rows";
import { DomainError } from "@/lib/errors";
import { ratingSummary } from "@/lib/marketplace/rating-summary";
import { canReplyFor } from "./reply-to-review";
import { reviewEligibility } from "./review-eligibility";
import { reviewColumns, reviewJoins, toModeratedReview, toReview, type ReviewRow } from "./review-item";
import { reviewListing, type ReviewListing } from "./review-listing";
import type { ListReviewsQuery, ReviewPage, ReviewSort, ReviewViewer } from "./schemas";

// GET /marketplace/listings/{slug}/reviews: the visible reviews of a listing, three orders, keyset
// pages; with the rating summary of the listing page and what the caller may do here.

type Key = { s: ReviewSort; t: string; id: string; h?: number; r?: number };

const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function badCursor(): DomainError {
  return new DomainError("INVALID_REQUEST", "The cursor is not valid", [{ path: "cursor", message: "Not a cursor returned by this endpoint for this sort" }]);
}

function encodeKey(k: Key): string {
  return Buffer.from(JSON.stringify(k)).toString("base64url");
}

/** Only what encodeKey writes, for the sort asked: anything else is a 400, never SQL. */
function decodeKey(cursor: string, sort: ReviewSort): Key {
  let k: Key;
  try {
    k = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Key;
  } catch {
    throw badCursor();
  }
  const intIn = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
  const ok =
    k !== null &&
    typeof k === "object" &&
    k.s === sort &&
    typeof k.t === "string" &&
    CANONICAL_TIME.test(k.t) &&
    !k.t.startsWith("0000") &&
    !Number.isNaN(Date.parse(k.t)) &&
    new Date(k.t).toISOString() === k.t &&
    isUuid(k.id) &&
    (sort !== "helpful" || intIn(k.h, 0, 2_147_483_647)) &&
    (sort !== "lowest" || intIn(k.r, 1, 5));
  if (!ok) throw badCursor();
  return k;
}

function order(sort: ReviewSort): SQL {
  if (sort === "helpful") return sql`r.helpful_count desc, r.created_at desc, r.id desc`;
  if (sort === "lowest") return sql`r.rating asc, r.created_at desc, r.id desc`;
  return sql`r.created_at desc, r.id desc`;
}

function after(k: Key): SQL {
  const at = sql`(r.created_at, r.id) < (${k.t}::timestamptz, ${k.id}::uuid)`;
  if (k.s === "helpful") return sql`(r.helpful_count < ${k.h}::int or (r.helpful_count = ${k.h}::int and ${at}))`;
  if (k.s === "lowest") return sql`(r.rating > ${k.r}::int or (r.rating = ${k.r}::int and ${at}))`;
  return at;
}

/** What the caller may do on this listing's reviews, with their own review (hidden ones included). */
export async function reviewViewer(db: Db, principal: Principal | null, listing: ReviewListing): Promise<ReviewViewer> {
  const eligible = await reviewEligibility(db, principal, listing);
  const userId = principal?.userId ?? null;
  const [own] = userId
    ? rowsOf<ReviewRow>(await db.execute(sql`select ${reviewColumns(userId)} from reviews r ${reviewJoins} where r.listing_id = ${listing.id} and r.user_id = ${userId}`))
    : [];
  return {
    signedIn: principal !== null,
    canReview: eligible.ok,
    blocker: eligible.ok ? null : eligible.blocker,
    review: own ? toModeratedReview(own, userId) : null,
    canReply: principal !== null && (await canReplyFor(db, principal, listing.partnerId)),
    canModerate: principal !== null && isAdmin(principal),
  };
}

export async function listReviews(db: Db, principal: Principal | null, slug: string, q: ListReviewsQuery): Promise<ReviewPage> {
  const listing = await reviewListing(db, principal, slug);
  const key = q.cursor ? decodeKey(q.cursor, q.sort) : null;
  const viewerId = principal?.userId ?? null;
  const rows = rowsOf<ReviewRow>(
    await db.execute(sql`
      select ${reviewColumns(viewerId)}
      from reviews r ${reviewJoins}
      where r.listing_id = ${listing.id} and r.hidden_at is null
        ${q.rating ? sql`and r.rating = ${q.rating}::int` : sql``}
        ${key ? sql`and ${after(key)}` : sql``}
      order by ${order(q.sort)}
      limit ${q.limit + 1}`),
  );
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  const nextCursor =
    more && last
      ? encodeKey({
          s: q.sort,
          t: last.created_at,
          id: last.id,
          ...(q.sort === "helpful" ? { h: Number(last.helpful_count) } : {}),
          ...(q.sort === "lowest" ? { r: Number(last.rating) } : {}),
        })
      : null;
  const [summary, viewer] = await Promise.all([ratingSummary(db, listing.id), reviewViewer(db, principal, listing)]);
  return { data: page.map((r) => toReview(r, viewerId)), nextCursor, summary, viewer };
}
