import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import type { ListingPage } from "@/lib/marketplace/schemas";
import { priceText } from "./browse-format";
import { ListingLogo } from "./browse-logo";
import { RatingStars } from "./rating-stars";

// The top of a listing page: logo, name, partner, tagline, and the three numbers people
// compare apps by (rating, installs, price). The install control sits beside it (`action`).

export function ListingHeader({ listing, categoryName, action }: { listing: ListingPage; categoryName: string | null; action: ReactNode }) {
  const { rating } = listing;
  return (
    <header className="flex flex-col gap-5 md:flex-row md:items-start md:justify-between">
      <div className="flex min-w-0 gap-4">
        <ListingLogo name={listing.name} url={listing.logoUrl} size="lg" />
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{listing.name}</h1>
            {listing.featured && <Badge tone="blue">Featured</Badge>}
          </div>
          <p className="mt-0.5 text-sm text-slate-600">
            by <span className="font-medium text-slate-800">{listing.partner.name}</span>
            {listing.category && categoryName && (
              <>
                {" · "}
                <Link href={`/marketplace/categories/${listing.category}`} className="text-brand-700 underline underline-offset-2 hover:decoration-2">
                  {categoryName}
                </Link>
              </>
            )}
          </p>
          {listing.tagline && <p className="mt-2 max-w-2xl text-base text-slate-700">{listing.tagline}</p>}
          <ul className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1.5 text-sm text-slate-700">
            <li>
              <RatingStars average={rating.average} count={rating.count} size="md" />
            </li>
            <li>
              {listing.installCount.toLocaleString("en-US")} {listing.installCount === 1 ? "install" : "installs"}
            </li>
            <li className="font-medium text-slate-900">{priceText(listing.pricing)}</li>
          </ul>
        </div>
      </div>
      <div className="shrink-0 md:w-64">{action}</div>
    </header>
  );
}
