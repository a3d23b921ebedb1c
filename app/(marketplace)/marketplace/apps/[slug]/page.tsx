import type { Metadata } from "next";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { cache, type ReactNode } from "react";
import { DeprecationNotice, VisibilityNotice } from "@/components/marketplace/deprecation-notice";
import { InstallButton, type InstallViewer } from "@/components/marketplace/install-button";
import { ListingAdminActions } from "@/components/marketplace/listing-admin-actions";
import { ListingFacts } from "@/components/marketplace/listing-facts";
import { ListingHeader } from "@/components/marketplace/listing-header";
import { ListingScopes } from "@/components/marketplace/listing-scopes";
import { ListingScreenshots } from "@/components/marketplace/listing-screenshots";
import { Markdown } from "@/components/marketplace/markdown";
import { RatingHistogram } from "@/components/marketplace/rating-histogram";
import { ReviewsSection } from "@/components/marketplace/reviews/reviews-section";
import { getDb } from "@/db";
import { isAdmin } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { listCategories } from "@/lib/marketplace/categories";
import { getListing } from "@/lib/marketplace/listing-queries";
import { recordView } from "@/lib/marketplace/listing-stats";
import { listReviews } from "@/lib/marketplace/reviews/list-reviews";
import { REVIEWS_PAGE_SIZE } from "@/lib/marketplace/reviews/schemas";
import { orNotFound } from "../../../../_server/or-not-found";
import { getViewer } from "../../../../_server/viewer";
import { installStateFor } from "@/lib/integrations/install";

// A listing's public page: server-rendered for visitors and crawlers alike. Delisted listings
// and listings whose app is not out yet answer 404 except to the partner's members and admins
// (getListing decides), who see why instead.

type Params = { params: Promise<{ slug: string }> };

/** Looked up once per request: the metadata and the page share it. */
const listingFor = cache(async (slug: string) => {
  const viewer = await getViewer();
  return orNotFound(getListing(await getDb(), viewer?.principal ?? null, slug));
});

const pathOf = (slug: string) => `/marketplace/apps/${encodeURIComponent(slug)}`;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const listing = await listingFor(slug);
  const url = pathOf(listing.slug);
  const listed = listing.visibility === "public" || listing.visibility === "deprecated";
  return {
    metadataBase: new URL(config().APP_URL),
    // The root layout's template adds " · Portico".
    title: `${listing.name} · Marketplace`,
    description: listing.tagline,
    alternates: { canonical: url },
    openGraph: {
      type: "website",
      siteName: "Portico",
      title: `${listing.name} — Portico Marketplace`,
      description: listing.tagline,
      url,
      ...(listing.logoUrl ? { images: [{ url: listing.logoUrl, alt: `${listing.name} logo` }] } : {}),
    },
    // Only insiders can open a page that is not public; never let it be indexed from their browser.
    ...(listed ? {} : { robots: { index: false, follow: false } }),
  };
}

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id={id} className="mb-3 text-sm font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function ListingPage({ params, searchParams }: Params & { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [{ slug }, query, viewer] = await Promise.all([params, searchParams, getViewer()]);
  const listing = await listingFor(slug);
  const categories = await listCategories(await getDb());
  const categoryName = categories.find((c) => c.slug === listing.category)?.name ?? null;

  const admin = viewer !== null && isAdmin(viewer.principal);
  const ownPartner = viewer?.partner?.slug === listing.partner.slug;
  // Views count visitors: not the partner's own team checking its page, nor admins at work.
  if (!ownPartner && !admin && (listing.visibility === "public" || listing.visibility === "deprecated")) {
    recordView(listing.id, query.ref === "search");
  }

  const install = viewer?.account ? await installStateFor(await getDb(), viewer.user.id, viewer.account.id, listing.applicationId) : null;
  // The first page of reviews is in the HTML (readers and crawlers get them without a round trip).
  const reviews = await listReviews(await getDb(), viewer?.principal ?? null, listing.slug, { sort: "newest", limit: REVIEWS_PAGE_SIZE });

  const installViewer: InstallViewer = !viewer ? "signed_out" : !install ? "other" : install.role === "owner" || install.role === "admin" ? "installer" : "member";
  const path = pathOf(listing.slug);

  return (
    <article className="grid gap-6">
      {/* Signed-in customers get the shell's breadcrumbs; everyone else gets the way back here. */}
      {!viewer?.account && (
        <nav aria-label="Breadcrumb" className="-mb-2 text-sm text-slate-600">
          <ol className="flex flex-wrap items-center gap-1">
            <li>
              <Link href="/marketplace" className="rounded hover:text-slate-900 hover:underline">
                Marketplace
              </Link>
            </li>
            {listing.category && categoryName && (
              <li className="flex items-center gap-1">
                <ChevronRight aria-hidden className="size-3.5 text-slate-400" />
                <Link href={`/marketplace/categories/${listing.category}`} className="rounded hover:text-slate-900 hover:underline">
                  {categoryName}
                </Link>
              </li>
            )}
          </ol>
        </nav>
      )}

      <VisibilityNotice visibility={listing.visibility} delistedReason={listing.delistedReason} />
      {listing.deprecation && <DeprecationNotice deprecation={listing.deprecation} appName={listing.name} />}

      <ListingHeader
        listing={listing}
        categoryName={categoryName}
        action={
          <InstallButton
            viewer={installViewer}
            slug={listing.slug}
            installed={install?.installed ?? null}
            deprecated={listing.deprecation !== null || listing.visibility === "deprecated"}
            visibility={listing.visibility}
            returnTo={path}
          />
        }
      />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="grid min-w-0 content-start gap-6">
          {listing.screenshots.length > 0 && (
            <Section title="Screenshots" id="screenshots-title">
              <ListingScreenshots name={listing.name} screenshots={listing.screenshots} />
            </Section>
          )}
          <Section title={`About ${listing.name}`} id="about-title">
            {listing.description.trim() ? (
              <Markdown>{listing.description}</Markdown>
            ) : (
              <p className="text-sm text-slate-600">The partner has not written a description yet.</p>
            )}
            {listing.tags.length > 0 && (
              <ul aria-label="Tags" className="mt-4 flex flex-wrap gap-1.5">
                {listing.tags.map((t) => (
                  <li key={t} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                    {t}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section title="Permissions it asks for" id="scopes-title">
            <ListingScopes scopes={listing.scopes} appName={listing.name} />
          </Section>
          <Section title="Reviews" id="reviews-title">
            <ReviewsSection
              slug={listing.slug}
              listingName={listing.name}
              partnerName={listing.partner.name}
              signInHref={`/signin?callbackUrl=${encodeURIComponent(path)}`}
              initial={reviews}
            />
          </Section>
        </div>

        <aside aria-label="About this listing" className="grid min-w-0 content-start gap-6">
          <Section title="Ratings" id="ratings-title">
            <RatingHistogram rating={listing.rating} histogram={listing.ratingHistogram} />
          </Section>
          <Section title="Details" id="details-title">
            <ListingFacts listing={listing} categoryName={categoryName} />
          </Section>
          {admin && (
            <Section title="Admin" id="admin-title">
              <ListingAdminActions slug={listing.slug} name={listing.name} featured={listing.featured} visibility={listing.visibility} />
            </Section>
          )}
        </aside>
      </div>
    </article>
  );
}
