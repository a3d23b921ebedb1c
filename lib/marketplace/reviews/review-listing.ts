import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { rowsOf } from "@/lib/db/rows";
import { NotFound } from "@/lib/errors";
import { listingVisibility } from "@/lib/marketplace/listing-queries";

/** What the reviews code needs of a listing. */
export type ReviewListing = {
  id: string;
  slug: string;
  name: string;
  partnerId: string;
  partnerName: string;
  applicationId: string;
  /** Public or deprecated: its page answers everyone, and it takes reviews. */
  open: boolean;
};

type Row = {
  id: string;
  slug: string;
  name: string;
  partner_id: string;
  partner_name: string;
  application_id: string;
  listing_status: string;
  app_status: string;
  partner_status: string;
};

/** Open to everyone when the listing page is (public or deprecated); else to insiders only. */
export function listingOpen(r: Pick<Row, "listing_status" | "app_status" | "partner_status">): boolean {
  const vis = listingVisibility(r);
  return vis === "public" || vis === "deprecated";
}

/** SQL columns for listingOpen over `l`, `a`, `p`. */
export const openColumns = sql`l.status as listing_status, a.status as app_status, p.status as partner_status`;

/** The listing by slug, or 404 where its page would be a 404 for this caller. */
export async function reviewListing(db: Db, principal: Principal | null, slug: string): Promise<ReviewListing> {
  const [r] = rowsOf<Row>(
    await db.execute(sql`
      select l.id, l.slug, l.name, l.partner_id, p.name as partner_name, l.application_id, ${openColumns}
      from listings l join applications a on a.id = l.application_id join partners p on p.id = l.partner_id
      where l.slug = ${slug}`),
  );
  if (!r) throw new NotFound("Listing");
  const open = listingOpen(r);
  const insider = principal !== null && (isAdmin(principal) || principal.partnerId === r.partner_id);
  if (!open && !insider) throw new NotFound("Listing");
  return { id: r.id, slug: r.slug, name: r.name, partnerId: r.partner_id, partnerName: r.partner_name, applicationId: r.application_id, open };
}
