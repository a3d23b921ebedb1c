import { ListingsOverview, type OverviewApp } from "@/components/listings/listings-overview";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import type { Principal } from "@/lib/auth/principal";
import { hasScope } from "@/lib/auth/scopes";
import { getListing } from "@/lib/marketplace/listing-queries";
import { ownListingStats } from "@/lib/marketplace/listing-stats";
import { partnerListingOverview } from "@/lib/marketplace/manage-listings";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Listings" };

export default async function ListingsPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:marketplace");
  return (
    <>
      <PageHeader title="Listings" description="How your apps appear in the marketplace, and how often customers find and open them." />
      {gate ?? (
        <ListingsOverview
          apps={await overview(viewer.principal)}
          canWrite={hasScope(viewer.principal.scopes, "write:marketplace")}
          canCreate={viewer.partner.status === "active"}
          canCreateApps={hasScope(viewer.principal.scopes, "write:applications")}
        />
      )}
    </>
  );
}

/** Each of the partner's apps with its listing's state and last 30 days (all read through the partner's own principal). */
async function overview(principal: Principal): Promise<OverviewApp[]> {
  const db = await getDb();
  const apps = await partnerListingOverview(db, principal);
  return Promise.all(
    apps.map(async (a): Promise<OverviewApp> => {
      if (!a.listingSlug) return { id: a.id, name: a.name, status: a.status, listing: null };
      const [listing, stats] = await Promise.all([getListing(db, principal, a.listingSlug), ownListingStats(db, principal, a.listingSlug, 30)]);
      return {
        id: a.id,
        name: a.name,
        status: a.status,
        listing: {
          slug: listing.slug,
          visibility: listing.visibility,
          delistedReason: listing.delistedReason,
          tagline: listing.tagline,
          logoUrl: listing.logoUrl,
          totals: stats.totals,
        },
      };
    }),
  );
}
