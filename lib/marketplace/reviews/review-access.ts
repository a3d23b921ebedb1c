import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { hasScope } from "@/lib/auth/scopes";
import { isUuid } from "@/lib/db/errors";
import { rowsOf } from "@/lib/db/rows";
import { DomainError, Forbidden, NotFound } from "@/lib/errors";
import { listingOpen, openColumns } from "./review-listing";

// Who reaches a review: everyone while it is visible on a public listing page; its author and
// admins also when it is hidden. Anyone else asking for a hidden review gets the 404 of a review
// that does not exist, so moderation leaks nothing.

export type LockedReview = {
  id: string;
  listing_id: string;
  user_id: string;
  account_id: string;
  rating: number;
  title: string;
  body: string;
  hidden: boolean;
  has_reply: boolean;
  listing_slug: string;
  listing_name: string;
  partner_id: string;
  partner_name: string;
  listing_status: string;
  app_status: string;
  partner_status: string;
};

/**
 * The review, locked for the rest of the transaction (`for update`), so that an edit, a hide and a
 * delete of the same review apply one after the other and each moves the listing's counters from
 * the state the previous one left.
 */
export async function lockReview(tx: Db, principal: Principal, id: string): Promise<LockedReview> {
  if (!isUuid(id)) throw new NotFound("Review");
  const [r] = rowsOf<LockedReview>(
    await tx.execute(sql`
      select r.id, r.listing_id, r.user_id, r.account_id, r.rating, r.title, r.body, r.hidden_at is not null as hidden,
        r.partner_reply is not null as has_reply, l.slug as listing_slug, l.name as listing_name, l.partner_id, p.name as partner_name, ${openColumns}
      from reviews r join listings l on l.id = r.listing_id join applications a on a.id = l.application_id join partners p on p.id = l.partner_id
      where r.id = ${id}
      for update of r`),
  );
  if (!r) throw new NotFound("Review");
  const author = principal.userId !== null && r.user_id === principal.userId;
  const insider = isAdmin(principal) || principal.partnerId === r.partner_id;
  if (!isAdmin(principal) && !author && (r.hidden || !(listingOpen(r) || insider))) throw new NotFound("Review");
  return { ...r, rating: Number(r.rating) };
}

/**
 * Signed-in users act through their session; a bearer credential (API key, OAuth token) needs
 * `write:marketplace` to touch reviews.
 */
export function assertReviewWriter(principal: Principal) {
  if (principal.type !== "session" && !hasScope(principal.scopes, "write:marketplace")) {
    throw new DomainError("INSUFFICIENT_SCOPE", "This needs the scope write:marketplace", [{ path: "scope", message: "missing write:marketplace" }]);
  }
}

/** Votes, reports and reviews are a person's: a credential without a user (an API key) cannot. */
export function personOf(principal: Principal, what: string): string {
  if (!principal.userId) throw new Forbidden(`${what} needs a person: sign in, or use an OAuth token a user authorized`);
  return principal.userId;
}
