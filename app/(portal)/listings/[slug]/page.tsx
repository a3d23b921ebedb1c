import { ExternalLink } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { EditListingForm } from "@/components/listings/listing-form";
import { ListingStatsPanel } from "@/components/listings/listing-stats-panel";
import { DeprecationNotice } from "@/components/marketplace/deprecation-notice";
import { DelistedNotice, hasPublicPage, visibilityDetail, VisibilityBadge } from "@/components/listings/listing-status";
import { getDb } from "@/db";
import { hasScope } from "@/lib/auth/scopes";
import { listCategories } from "@/lib/marketplace/categories";
import { getListing } from "@/lib/marketplace/listing-queries";
import { partnerListingOverview } from "@/lib/marketplace/manage-listings";
import { orNotFound } from "../../../_server/or-not-found";
import { roleGate } from "../../../_server/page-gate";
import { getPartnerViewer } from "../../../_server/viewer";

// Looked up once per request (metadata and page share it). The API answers a public listing to
// anyone, but this page is for the listing's own partner: another partner's slug is the portal's 404.
const listingFor = cache(async (slug: string) => {
  const viewer = await getPartnerViewer();
  if (!viewer || !hasScope(viewer.principal.scopes, "read:marketplace")) return null; // the layout or the role gate answers
  const db = await getDb();
  const own = (await partnerListingOverview(db, viewer.principal)).find((a) => a.listingSlug === slug);
  if (!own) notFound();
  const listing = await orNotFound(getListing(db, viewer.principal, slug));
  return { listing, appStatus: own.status };
});

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const found = await listingFor(slug);
  return { title: found ? `${found.listing.name} · Listings` : "Listing" };
}

export default async function ListingPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:marketplace");
  if (gate) return gate;
  const found = await listingFor(slug);
  if (!found) return null;
  const { listing, appStatus } = found;
  const categories = await listCategories(await getDb());

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-x-3 gap-y-1 text-2xl font-semibold tracking-tight text-slate-900">
            <span className="min-w-0 break-words">{listing.name}</span>
            <VisibilityBadge visibility={listing.visibility} />
          </h1>
          <p className="mt-1 text-sm text-slate-600" data-testid="listing-visibility">
            {visibilityDetail(listing.visibility, appStatus)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link
            href={`/apps/${listing.applicationId}`}
            className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            App settings
          </Link>
          <Link
            href={`/marketplace/apps/${listing.slug}`}
            className="inline-flex items-center gap-1.5 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            <ExternalLink aria-hidden className="size-4" />
            {hasPublicPage(listing.visibility) ? "Public page" : "Page preview"}
            {!hasPublicPage(listing.visibility) && <span className="sr-only"> (only your team sees it)</span>}
          </Link>
        </div>
      </div>
      {listing.visibility === "delisted" && <DelistedNotice reason={listing.delistedReason} />}
      {listing.deprecation && <DeprecationNotice deprecation={listing.deprecation} appName={listing.name} />}
      <ListingStatsPanel slug={listing.slug} visibility={listing.visibility} />
      <EditListingForm
        listing={listing}
        categories={categories.map((c) => ({ slug: c.slug, name: c.name }))}
        canWrite={hasScope(viewer.principal.scopes, "write:marketplace")}
      />
    </div>
  );
}
