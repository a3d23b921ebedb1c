import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { BROWSE_PAGE_SIZE, browseHref, hasFilters, isSearchable, readBrowseParams, type RawSearchParams } from "@/components/marketplace/browse-params";
import { BrowseResults, BrowseTransition } from "@/components/marketplace/browse-transition";
import { CategoryLinks } from "@/components/marketplace/category-nav";
import { ListingGrid } from "@/components/marketplace/listing-grid";
import { SearchBox } from "@/components/marketplace/search-box";
import { SearchFilters } from "@/components/marketplace/search-filters";
import { getDb } from "@/db";
import { config } from "@/lib/config";
import { listCategories } from "@/lib/marketplace/categories";
import { searchListings } from "@/lib/marketplace/search";

type Props = { searchParams: Promise<RawSearchParams> };

// Read once per request: the metadata and the page both need them.
const categoriesOnce = cache(async () => listCategories(await getDb()));

async function paramsOf(props: Props) {
  const categories = await categoriesOnce();
  return { categories, params: readBrowseParams(await props.searchParams, categories.map((c) => c.slug)) };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { params, categories } = await paramsOf(props);
  const category = categories.find((c) => c.slug === params.category);
  const title = params.q ? `“${params.q}” · Marketplace search` : category ? `${category.name} apps · Marketplace` : "All apps · Marketplace";
  const description = params.q
    ? `Apps in the Portico Marketplace matching “${params.q}”.`
    : "Browse every app in the Portico Marketplace by category, price and rating.";
  return {
    metadataBase: new URL(config().APP_URL),
    title,
    description,
    alternates: { canonical: browseHref("/marketplace/search", params) },
    // Result pages are for people; the category pages and the listings are what search engines should index.
    robots: { index: false, follow: true },
  };
}

export default async function SearchPage(props: Props) {
  const { params, categories } = await paramsOf(props);
  const db = await getDb();
  const results = await searchListings(db, {
    q: isSearchable(params.q) ? params.q : undefined,
    category: params.category,
    sort: params.sort,
    pricing: params.pricing,
    minRating: params.minRating,
    limit: BROWSE_PAGE_SIZE,
  });
  const categoryNames = Object.fromEntries(categories.map((c) => [c.slug, c.name]));
  const category = categories.find((c) => c.slug === params.category);
  const searched = isSearchable(params.q);
  const heading = searched ? `Results for “${params.q}”` : category ? `${category.name} apps` : "All apps";
  const filtered = hasFilters(params);

  return (
    <BrowseTransition>
      <div className="mb-5">
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{heading}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {searched ? "Apps whose name, description, tags or partner match your search." : "Every app in the marketplace. Narrow it down with the filters."}
        </p>
      </div>
      <div className="mb-4 max-w-2xl">
        {/* Keyed by the query: a new search from elsewhere (Back, a link) shows its own text. */}
        <SearchBox key={params.q} initialQuery={params.q} keep={{ category: params.category, pricing: params.pricing, minRating: params.minRating }} />
      </div>
      <div className="mb-5">
        <SearchFilters path="/marketplace/search" params={params} categories={categories} />
      </div>
      <BrowseResults>
        {results.correctedQuery && (
          <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Showing results for <strong className="font-semibold">{results.correctedQuery}</strong>
            {searched && (
              <>
                {" "}
                — no close matches for “{params.q}”.
              </>
            )}
          </p>
        )}
        {results.data.length > 0 ? (
          <ListingGrid
            key={browseHref("", params)}
            initial={results}
            params={params}
            categoryNames={categoryNames}
            label={searched ? "Search results" : "Apps"}
          />
        ) : (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
            <h2 className="text-base font-semibold text-slate-900">{searched ? `No apps match “${params.q}”` : "No apps match these filters"}</h2>
            <ul className="mx-auto mt-2 max-w-md space-y-1 text-sm text-slate-600">
              {filtered && <li>Remove a filter: the search may match apps outside them.</li>}
              {searched && <li>Try fewer or more general words, or a partner&apos;s name.</li>}
              <li>Or browse the marketplace by category.</li>
            </ul>
            <div className="mt-4 flex flex-wrap justify-center gap-2">
              {filtered && (
                <Link
                  href={browseHref("/marketplace/search", { q: params.q, sort: params.sort })}
                  className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
                >
                  Clear filters
                </Link>
              )}
              <Link
                href="/marketplace#categories"
                className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
              >
                Browse categories
              </Link>
            </div>
            <CategoryLinks categories={categories} className="mt-6 justify-center" />
          </div>
        )}
      </BrowseResults>
    </BrowseTransition>
  );
}
