import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { AppStatusBadge } from "@/components/applications/status";
import { inactivePartnerCopy } from "@/components/partners/partner-feature-gate";
import { CreateListingForm } from "@/components/listings/listing-form";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { getDb } from "@/db";
import { listCategories } from "@/lib/marketplace/categories";
import { partnerListingOverview } from "@/lib/marketplace/manage-listings";
import { roleGate } from "../../../_server/page-gate";
import { getPartnerViewer } from "../../../_server/viewer";

export const metadata = { title: "New listing" };

export default async function NewListingPage({ searchParams }: { searchParams: Promise<{ app?: string | string[] }> }) {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "write:marketplace");
  if (gate) {
    return (
      <>
        <PageHeader title="New listing" />
        {gate}
      </>
    );
  }
  const partner = viewer.partner;
  const closed = inactivePartnerCopy(
    { name: "Listings", roleText: "", onApproval: "list your apps in the marketplace", whileSuspended: "No listings can be created" },
    partner.status,
    partner.name,
    partner.statusReason,
  );
  if (closed) {
    return (
      <>
        <PageHeader title="New listing" />
        <EmptyState title={closed.title} level={2}>
          {closed.body}
        </EmptyState>
      </>
    );
  }
  const { app: appParam } = await searchParams;
  const appId = typeof appParam === "string" ? appParam : undefined;
  const db = await getDb();
  // The partner's own apps only: another partner's app id is as unknown as a missing one.
  const apps = await partnerListingOverview(db, viewer.principal);
  const open = apps.filter((a) => !a.listingSlug && a.status !== "deprecated");

  if (!appId) return <ChooseApp apps={open} />;
  const app = apps.find((a) => a.id === appId);
  if (!app) notFound();
  if (app.listingSlug) redirect(`/listings/${app.listingSlug}`);
  if (app.status === "deprecated") {
    return (
      <>
        <PageHeader title={`New listing: ${app.name}`} />
        <EmptyState level={2} title="A deprecated app takes no new listing" action={<BackToListings />}>
          {app.name} is being retired: customers can no longer install it, so there is nothing to list.
        </EmptyState>
      </>
    );
  }

  const categories = await listCategories(db);
  return (
    <>
      <PageHeader
        title={`New listing: ${app.name}`}
        description={
          app.status === "published" ? (
            "The app is published: the listing is public as soon as you create it."
          ) : (
            <>
              The app is <AppStatusBadge status={app.status} />. The listing goes public when the app is published. Until then only your team sees it.
            </>
          )
        }
      />
      <CreateListingForm
        app={{ id: app.id, name: app.name, slug: app.slug }}
        partner={{ name: viewer.partner.name, slug: viewer.partner.slug }}
        categories={categories.map((c) => ({ slug: c.slug, name: c.name }))} />
    </>
  );
}

/** /listings/new without an app: the apps that can still get a listing. */
function ChooseApp({ apps }: { apps: { id: string; name: string; status: Parameters<typeof AppStatusBadge>[0]["status"] }[] }) {
  return (
    <>
      <PageHeader title="New listing" description="Choose the app the listing presents. Each app has one listing." />
      {apps.length === 0 ? (
        <EmptyState
          level={2}
          title="Every app already has a listing"
          action={<BackToListings />}
        >
          Create another app first, or edit the listings you have.
        </EmptyState>
      ) : (
        <Card title="Apps without a listing">
          <ul className="-my-2 divide-y divide-slate-200">
            {apps.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="flex items-center gap-2">
                  <span className="font-medium text-slate-900">{a.name}</span>
                  <AppStatusBadge status={a.status} />
                </span>
                <Link href={`/listings/new?app=${a.id}`} className="text-sm font-medium text-brand-700 hover:underline">
                  Create listing<span className="sr-only"> for {a.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </>
  );
}

function BackToListings() {
  return (
    <Link href="/listings" className="text-sm font-medium text-brand-700 hover:underline">
      Back to listings
    </Link>
  );
}
