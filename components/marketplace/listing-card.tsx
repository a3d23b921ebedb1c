import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { ListingItem } from "@/lib/marketplace/schemas";
import { listingHref } from "./browse-params";
import { installsText, priceText } from "./browse-format";
import { Highlighted } from "./browse-highlight";
import { ListingLogo } from "./browse-logo";
import { RatingStars } from "./rating-stars";

/**
 * One app in a grid: logo, name (the link: the whole card is its target), partner, tagline,
 * rating, installs, price, and a Featured badge. Works in server and client components.
 */
export function ListingCard({
  listing,
  fromSearch = false,
  categoryName,
  headingLevel = 3,
  featuredBadge = true,
}: {
  listing: ListingItem;
  /** Shown in search results: the link says so (`?ref=search`) and matched words are marked. */
  fromSearch?: boolean;
  /** Where cards of several categories are mixed. */
  categoryName?: string;
  headingLevel?: 2 | 3;
  /** Off in the Featured row, where every card would carry it. */
  featuredBadge?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const hl = fromSearch ? listing.highlight : undefined;
  return (
    <article className="group relative flex w-full min-w-0 flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm transition hover:border-slate-300 hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-brand-500">
      <div className="flex items-start gap-3">
        <ListingLogo name={listing.name} url={listing.logoUrl} />
        <div className="min-w-0 flex-1">
          <Heading className="text-base leading-snug font-semibold text-slate-900">
            <Link
              href={listingHref(listing.slug, fromSearch)}
              data-listing-link
              className="rounded-sm outline-none after:absolute after:inset-0 after:rounded-lg after:content-[''] group-hover:text-brand-700"
            >
              <Highlighted segments={hl?.name} text={listing.name} />
            </Link>
          </Heading>
          <p className="mt-0.5 truncate text-xs text-slate-600">
            by {listing.partner.name}
            {categoryName && <> · {categoryName}</>}
          </p>
        </div>
        {listing.featured && featuredBadge && <Badge tone="blue">Featured</Badge>}
      </div>
      <p className="mt-3 line-clamp-2 text-sm text-slate-700">
        <Highlighted segments={hl?.tagline} text={listing.tagline} />
      </p>
      <div className="mt-auto flex flex-wrap items-center gap-x-3 gap-y-1 pt-3 text-xs">
        <RatingStars average={listing.rating.average} count={listing.rating.count} />
        <span className="text-slate-600">{installsText(listing.installCount)}</span>
        <span className={`ml-auto font-medium ${listing.pricing.model === "free" ? "text-emerald-700" : "text-slate-800"}`}>{priceText(listing.pricing)}</span>
      </div>
    </article>
  );
}

/** The shape a card takes while its data loads. */
export function ListingCardSkeleton() {
  return (
    <div aria-hidden className="flex w-full flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start gap-3">
        <span className="size-12 shrink-0 animate-pulse rounded-lg bg-slate-100" />
        <div className="flex-1 space-y-2 pt-1">
          <span className="block h-4 w-2/3 animate-pulse rounded bg-slate-100" />
          <span className="block h-3 w-1/3 animate-pulse rounded bg-slate-100" />
        </div>
      </div>
      <span className="mt-4 block h-3 w-full animate-pulse rounded bg-slate-100" />
      <span className="mt-2 block h-3 w-4/5 animate-pulse rounded bg-slate-100" />
      <span className="mt-4 block h-3 w-1/2 animate-pulse rounded bg-slate-100" />
    </div>
  );
}
