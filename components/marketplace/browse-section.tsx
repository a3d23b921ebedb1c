import { ArrowRight } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ListingItem } from "@/lib/marketplace/schemas";
import { ListingCard } from "./listing-card";

/** A titled band of the marketplace home (Featured, Trending, …), with an optional "See all" link. */
export function BrowseSection({
  id,
  title,
  description,
  seeAll,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  seeAll?: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="scroll-mt-20">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
        <div>
          <h2 id={`${id}-title`} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {description && <p className="text-sm text-slate-600">{description}</p>}
        </div>
        {seeAll && (
          <Link href={seeAll.href} className="inline-flex items-center gap-1 rounded text-sm font-medium text-brand-700 hover:underline">
            {seeAll.label}
            <ArrowRight aria-hidden className="size-4" />
          </Link>
        )}
      </div>
      {children}
    </section>
  );
}

/** Cards in a responsive grid (one column on phones, up to three). */
export function ListingList({
  listings,
  label,
  categoryNames,
  featuredBadge = true,
}: {
  listings: ListingItem[];
  label: string;
  categoryNames?: Record<string, string>;
  featuredBadge?: boolean;
}) {
  return (
    <ul aria-label={label} className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {listings.map((l) => (
        <li key={l.slug} className="flex">
          <ListingCard listing={l} categoryName={l.category ? categoryNames?.[l.category] : undefined} featuredBadge={featuredBadge} />
        </li>
      ))}
    </ul>
  );
}
