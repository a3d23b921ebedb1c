import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { isAdmin, type Principal } from "@/lib/auth/principal";
import { rowsOf } from "@/lib/db/rows";
import { NotFound } from "@/lib/errors";
import { describeScope } from "@/lib/oauth/consent";
import { isoText, listedWhere, listingItemColumns, listingJoins, toListingItem, type ListingItemRow } from "./listing-item";
import { trendingJoin, trendingScore } from "./ranking";
import { ratingSummary } from "./rating-summary";
import type { ListingItem, ListingPage } from "./schemas";

type PageRow = ListingItemRow & {
  application_id: string;
  partner_id: string;
  description: string;
  screenshots: string[];
  listing_status: "draft" | "published" | "unlisted" | "delisted";
  app_status: string;
  partner_status: string;
  delisted_reason: string | null;
  updated_at: string;
  version: string | null;
  scopes: string[] | null;
  website_url: string | null;
  support_email: string | null;
  privacy_policy_url: string | null;
  sunset_at: string | null;
  deprecation_message: string | null;
};

/** Who sees a listing: public, deprecated (page stays, out of search), delisted or awaiting its app (insiders only). */
export function listingVisibility(r: { listing_status: string; app_status: string; partner_status: string }): ListingPage["visibility"] {
  // A suspended partner's listing is out of the marketplace as if delisted (its reason is the suspension).
  if (r.listing_status === "delisted" || r.partner_status !== "active") return "delisted";
  if (r.app_status === "deprecated") return "deprecated";
  return r.app_status === "published" ? "public" : "awaiting_app";
}


/**
 * A listing page. Public while listed or deprecated (the page stays, with its notice);
 * a delisted listing or one whose app is not out yet is seen only by its partner and admins.
 */
export async function getListing(db: Db, principal: Principal | null, slug: string): Promise<ListingPage> {
  const [r] = rowsOf<PageRow>(
    await db.execute(sql`
      select ${listingItemColumns}, l.application_id, l.partner_id, l.description, l.screenshots, l.status as listing_status,
        a.status as app_status, p.status as partner_status, l.delisted_reason, ${isoText(sql`l.updated_at`)} as updated_at, v.version, v.requested_scopes as scopes,
        a.website_url, a.support_email, a.privacy_policy_url, ${isoText(sql`a.sunset_at`)} as sunset_at, a.deprecation_message
      from listings l ${listingJoins}
      left join application_versions v on v.id = a.live_version_id
      where l.slug = ${slug}`),
  );
  if (!r) throw new NotFound("Listing");
  const vis = listingVisibility(r);
  const insider = principal !== null && (isAdmin(principal) || principal.partnerId === r.partner_id);
  if ((vis === "delisted" || vis === "awaiting_app") && !insider) throw new NotFound("Listing");

  const { histogram: ratingHistogram } = await ratingSummary(db, r.id);

  return {
    ...toListingItem(r),
    id: r.id,
    applicationId: r.application_id,
    description: r.description,
    screenshots: r.screenshots,
    scopes: (r.scopes ?? []).map((scope) => ({ scope, words: describeScope(scope) })),
    ratingHistogram,
    version: r.version,
    updatedAt: r.updated_at,
    websiteUrl: r.website_url,
    supportEmail: r.support_email,
    privacyPolicyUrl: r.privacy_policy_url,
    deprecation: r.app_status === "deprecated" && r.sunset_at ? { sunsetAt: r.sunset_at, message: r.deprecation_message ?? "" } : null,
    visibility: vis,
    delistedReason: insider ? r.delisted_reason : null,
  };
}

/** GET /marketplace/featured: the admins' picks, in their order. */
export async function featuredListings(db: Db, limit = 12): Promise<ListingItem[]> {
  const rows = rowsOf<ListingItemRow>(
    await db.execute(sql`
      select ${listingItemColumns} from listings l ${listingJoins}
      where ${listedWhere} and l.featured
      order by l.featured_position nulls last, l.install_count desc, l.id
      limit ${limit}`),
  );
  return rows.map(toListingItem);
}

/** GET /marketplace/trending: the contract's trending score, listings with no recent installs left out. */
export async function trendingListings(db: Db, limit = 12, at = new Date()): Promise<ListingItem[]> {
  const atSql = sql`${at.toISOString()}::timestamptz`;
  const rows = rowsOf<ListingItemRow>(
    await db.execute(sql`
      select * from (
        select ${listingItemColumns}, ${trendingScore} as score
        from listings l ${listingJoins} ${trendingJoin(atSql)}
        where ${listedWhere}
      ) r where r.score > 0
      order by r.score desc, r.id desc
      limit ${limit}`),
  );
  return rows.map(toListingItem);
}

/** "New and noteworthy": recently public listings, best rated first among ties of day. */
export async function newListings(db: Db, limit = 8): Promise<ListingItem[]> {
  const rows = rowsOf<ListingItemRow>(
    await db.execute(sql`
      select ${listingItemColumns} from listings l ${listingJoins}
      where ${listedWhere}
      order by greatest(l.created_at, a.published_at) desc, l.id desc
      limit ${limit}`),
  );
  return rows.map(toListingItem);
}

/** Every public listing's slug and last change, for the sitemap. */
export async function sitemapListings(db: Db): Promise<{ slug: string; updatedAt: string }[]> {
  const rows = rowsOf<{ slug: string; updated_at: string }>(
    await db.execute(sql`select l.slug, ${isoText(sql`l.updated_at`)} as updated_at from listings l ${listingJoins} where l.status = 'published' and a.status in ('published', 'deprecated') and p.status = 'active' order by l.slug limit 50000`),
  );
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
}
