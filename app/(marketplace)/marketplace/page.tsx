import type { Metadata } from "next";
import { BrowseSection, ListingList } from "@/components/marketplace/browse-section";
import { CategoryGrid } from "@/components/marketplace/category-nav";
import { SearchBox } from "@/components/marketplace/search-box";
import { EmptyState } from "@/components/ui/states";
import { getDb } from "@/db";
import { config } from "@/lib/config";
import { listCategories } from "@/lib/marketplace/categories";
import { featuredListings, newListings, trendingListings } from "@/lib/marketplace/listing-queries";

const description = "Find integrations for your insurance agency: claims, quoting, policy administration, payments, CRM and more, built by Portico partners.";

export function generateMetadata(): Metadata {
  return {
    // Read when served, not when built: canonical and Open Graph URLs are absolute on this origin.
    metadataBase: new URL(config().APP_URL),
    title: "Marketplace",
    description,
    alternates: { canonical: "/marketplace" },
    openGraph: { title: "Portico Marketplace", description, url: "/marketplace", type: "website" },
  };
}

export default async function MarketplaceHome() {
  const db = await getDb();
  const [featured, trending, categories, fresh] = await Promise.all([
    featuredListings(db, 6),
    trendingListings(db, 6),
    listCategories(db),
    newListings(db, 6),
  ]);
  const categoryNames = Object.fromEntries(categories.map((c) => [c.slug, c.name]));
  const empty = featured.length === 0 && fresh.length === 0;
  return (
    <div className="space-y-10">
      <section className="rounded-xl border border-slate-200 bg-linear-to-br from-brand-50 to-white px-4 py-8 sm:px-8 sm:py-10">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">Marketplace</h1>
        <p className="mt-2 max-w-2xl text-sm text-slate-700 sm:text-base">
          Apps that connect your agency to claims systems, raters, payment providers and more, built by Portico partners and reviewed before they
          go live.
        </p>
        <div className="mt-5 max-w-2xl">
          <SearchBox size="lg" />
        </div>
      </section>

      {empty && (
        <EmptyState title="No apps yet" level={2}>
          Partners&apos; apps appear here once they are published. Check back soon.
        </EmptyState>
      )}

      {featured.length > 0 && (
        <BrowseSection id="featured" title="Featured" description="Picked by the Portico team.">
          <ListingList listings={featured} label="Featured apps" categoryNames={categoryNames} featuredBadge={false} />
        </BrowseSection>
      )}

      {trending.length > 0 && (
        <BrowseSection
          id="trending"
          title="Trending this week"
          description="Installed most by agencies over the last seven days."
          seeAll={{ href: "/marketplace/search?sort=trending", label: "See all trending" }}
        >
          <ListingList listings={trending} label="Trending apps" categoryNames={categoryNames} />
        </BrowseSection>
      )}

      <BrowseSection id="categories" title="Browse by category" seeAll={{ href: "/marketplace/search", label: "All apps" }}>
        <CategoryGrid categories={categories} />
      </BrowseSection>

      {fresh.length > 0 && (
        <BrowseSection
          id="new"
          title="New and noteworthy"
          description="Recently published apps."
          seeAll={{ href: "/marketplace/search?sort=newest", label: "See all new apps" }}
        >
          <ListingList listings={fresh} label="New apps" categoryNames={categoryNames} />
        </BrowseSection>
      )}
    </div>
  );
}
