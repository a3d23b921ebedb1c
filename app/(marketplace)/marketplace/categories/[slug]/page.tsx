import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { BROWSE_PAGE_SIZE, hasFilters, readBrowseParams, type RawSearchParams } from "@/components/marketplace/browse-params";
import { BrowseResults, BrowseTransition } from "@/components/marketplace/browse-transition";
import { categoryHref, CategoryLinks } from "@/components/marketplace/category-nav";
import { ListingGrid } from "@/components/marketplace/listing-grid";
import { SearchBox } from "@/components/marketplace/search-box";
import { SearchFilters } from "@/components/marketplace/search-filters";
import { getDb } from "@/db";
import { config } from "@/lib/config";
import { listCategories } from "@/lib/marketplace/categories";
import { searchListings } from "@/lib/marketplace/search";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<RawSearchParams> };

const categoriesOnce = cache(async () => listCategories(await getDb()));

/** The category of the path, or the marketplace's 404 page. */
async function categoryOf(props: Props) {
  const { slug } = await props.params;
  const categories = await categoriesOnce();
  const category = categories.find((c) => c.slug === slug);
  if (!category) notFound();
  return { category, categories };
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { category } = await categoryOf(props);
  const title = `${category.name} apps · Marketplace`;
  const description = `${category.description} ${category.listingCount} ${category.listingCount === 1 ? "app" : "apps"} for insurance agencies in the Portico Marketplace.`;
  return {
    metadataBase: new URL(config().APP_URL),
    title,
    description,
    alternates: { canonical: categoryHref(category.slug) },
    openGraph: { title: `${category.name} apps · Portico Marketplace`, description, url: categoryHref(category.slug), type: "website" },
  };
}

export default async function CategoryPage(props: Props) {
  const { category, categories } = await categoryOf(props);
  // Only sort, price and rating come from the query string here: the category is the path.
  const params = { ...readBrowseParams(await props.searchParams, []), q: "", category: category.slug };
  const results = await searchListings(await getDb(), {
    category: category.slug,
    sort: params.sort,
    pricing: params.pricing,
    minRating: params.minRating,
    limit: BROWSE_PAGE_SIZE,
  });
  const path = categoryHref(category.slug);
  const filtered = hasFilters({ ...params, category: undefined });

  return (
    <BrowseTransition>
      <div className="mb-5">
        <Link href="/marketplace#categories" className="inline-flex items-center gap-1 rounded text-sm text-slate-600 hover:text-slate-900 hover:underline">
          <ArrowLeft aria-hidden className="size-4" />
          All categories
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{category.name}</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">{category.description}</p>
      </div>
      <div className="mb-4 max-w-2xl">
        <SearchBox keep={{ category: category.slug }} label={`Search ${category.name} apps`} placeholder={`Search ${category.name.toLowerCase()} apps…`} />
      </div>
      <div className="mb-5">
        <SearchFilters path={path} params={params} />
      </div>
      <BrowseResults>
        {results.data.length > 0 ? (
          <ListingGrid key={`${params.sort}-${params.pricing}-${params.minRating}`} initial={results} params={params} label={`${category.name} apps`} />
        ) : (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
            <h2 className="text-base font-semibold text-slate-900">{filtered ? "No apps match these filters" : `No ${category.name.toLowerCase()} apps yet`}</h2>
            <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
              {filtered ? "Remove a filter to see more of this category." : "Partners' apps appear here once they are published. Try another category meanwhile."}
            </p>
            {filtered && (
              <Link
                href={path}
                className="mt-4 inline-block rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700"
              >
                Clear filters
              </Link>
            )}
          </div>
        )}
      </BrowseResults>
      <section aria-labelledby="more-categories" className="mt-10 border-t border-slate-200 pt-6">
        <h2 id="more-categories" className="mb-3 text-base font-semibold text-slate-900">
          More categories
        </h2>
        <CategoryLinks categories={categories} current={category.slug} />
      </section>
    </BrowseTransition>
  );
}
