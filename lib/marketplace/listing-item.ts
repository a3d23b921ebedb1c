import { sql, type SQL } from "drizzle-orm";
import { publicSince } from "./ranking";
import type { ListingItem } from "./schemas";

/** A timestamptz as ISO-8601 UTC text: raw queries return timestamps differently on each driver. */
export const isoText = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The columns every listing card reads, over `l` (listings), `a` (applications) and `p` (partners). */
export const listingItemColumns = sql`l.id, l.slug, l.name, l.tagline, l.category, l.tags, coalesce(l.logo_url, a.logo_url) as logo_url,
  p.name as partner_name, p.slug as partner_slug, l.rating_count, l.rating_sum, l.install_count, l.featured,
  l.pricing_model, l.monthly_price_cents, ${isoText(publicSince)} as public_since`;

/**
 * Listed: the listing is not delisted, its app is published (not deprecated, not before its
 * first publish) and its partner is active (a suspended partner's apps stop working).
 */
export const listedWhere = sql`l.status = 'published' and a.status = 'published' and p.status = 'active'`;

export const listingJoins = sql`join applications a on a.id = l.application_id join partners p on p.id = l.partner_id`;

export type ListingItemRow = {
  id: string;
  slug: string;
  name: string;
  tagline: string;
  category: string | null;
  tags: string[];
  logo_url: string | null;
  partner_name: string;
  partner_slug: string;
  rating_count: number;
  rating_sum: number;
  install_count: number;
  featured: boolean;
  pricing_model: "free" | "paid";
  monthly_price_cents: number | null;
  public_since: string | null;
};

/** Mean of visible reviews to one decimal, null without any. */
export function ratingAverage(sum: number, count: number): number | null {
  return count > 0 ? Math.round((Number(sum) / Number(count)) * 10) / 10 : null;
}

export function toListingItem(r: ListingItemRow): ListingItem {
  const count = Number(r.rating_count);
  return {
    slug: r.slug,
    name: r.name,
    tagline: r.tagline,
    category: r.category,
    tags: r.tags,
    logoUrl: r.logo_url,
    partner: { name: r.partner_name, slug: r.partner_slug },
    rating: { average: ratingAverage(Number(r.rating_sum), count), count },
    installCount: Number(r.install_count),
    featured: r.featured,
    pricing: r.pricing_model === "paid" && r.monthly_price_cents !== null ? { model: "paid", monthlyPriceCents: r.monthly_price_cents } : { model: r.pricing_model },
    publishedAt: r.public_since,
  };
}
