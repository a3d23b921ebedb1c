import { ExternalLink, Plus } from "lucide-react";
import Link from "next/link";
import { AppStatusBadge } from "@/components/applications/status";
import { ListingLogo } from "@/components/marketplace/browse-logo";
import type { ApplicationStatus } from "@/components/applications/types";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import type { ListingStats } from "@/lib/marketplace/schemas";
import { DelistedNotice, formatRate, hasPublicPage, visibilityDetail, VisibilityBadge, type Visibility } from "./listing-status";

export type OverviewApp = {
  id: string;
  name: string;
  status: ApplicationStatus;
  listing: {
    slug: string;
    visibility: Visibility;
    delistedReason: string | null;
    tagline: string;
    logoUrl: string | null;
    totals: ListingStats["totals"];
  } | null;
};

const count = new Intl.NumberFormat("en-US");
const linkClass = "inline-flex items-center gap-1 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset";
const primaryLink = `${linkClass} bg-brand-600 text-white ring-brand-600 hover:bg-brand-700`;
const secondaryLink = `${linkClass} bg-white text-slate-800 ring-slate-300 hover:bg-slate-50`;

/** The partner's apps, each with its listing's state, its last 30 days and what to do next. */
export function ListingsOverview({
  apps,
  canWrite,
  canCreate,
  canCreateApps,
}: {
  apps: OverviewApp[];
  /** write:marketplace: edit listings. */
  canWrite: boolean;
  /** The partner is active: new listings can be written (a pending or suspended partner's cannot). */
  canCreate: boolean;
  canCreateApps: boolean;
}) {
  if (apps.length === 0) {
    return (
      <EmptyState
        level={2}
        title="No apps to list yet"
        action={
          <Link href={canCreateApps ? "/apps/new" : "/apps"} className={primaryLink}>
            {canCreateApps && <Plus aria-hidden className="size-4" />}
            {canCreateApps ? "Create an app" : "Go to apps"}
          </Link>
        }
      >
        A listing presents one of your apps in the marketplace. Create the app first: you can write its listing while it is still a draft, and it
        goes public when the app is published.
      </EmptyState>
    );
  }
  const listed = apps.filter((a) => a.listing).length;
  return (
    <Card title={`Your apps · ${listed} of ${apps.length} listed`} actions={<span className="text-xs text-slate-600">Views, impressions and click-through: last 30 days</span>}>
      <ul className="-my-4 divide-y divide-slate-200 sm:-my-5">
        {apps.map((app) => (
          <AppRow key={app.id} app={app} canWrite={canWrite} canCreate={canCreate} />
        ))}
      </ul>
    </Card>
  );
}

function AppRow({ app, canWrite, canCreate }: { app: OverviewApp; canWrite: boolean; canCreate: boolean }) {
  const l = app.listing;
  return (
    <li className="flex flex-col gap-4 py-4 sm:py-5 md:flex-row md:items-center" data-testid={`listing-row-${app.id}`}>
      <div className="flex min-w-0 flex-1 gap-3">
        <ListingLogo url={l?.logoUrl ?? null} name={app.name} />
        <div className="min-w-0 flex-1">
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
            {l ? (
              <Link href={`/listings/${l.slug}`} className="font-semibold break-words text-slate-900 hover:underline">
                {app.name}
              </Link>
            ) : (
              <span className="font-semibold break-words text-slate-900">{app.name}</span>
            )}
            {l ? <VisibilityBadge visibility={l.visibility} /> : <span className="text-xs text-slate-600">No listing yet</span>}
          </p>
          {l ? (
            <>
              {l.tagline && <p className="mt-0.5 line-clamp-1 text-sm break-words text-slate-700">{l.tagline}</p>}
              <p className="mt-1 text-xs text-slate-600">{visibilityDetail(l.visibility, app.status)}</p>
              {l.visibility === "delisted" && <DelistedNotice reason={l.delistedReason} compact />}
            </>
          ) : (
            <p className="mt-1 text-xs leading-6 text-slate-600">
              The app is <AppStatusBadge status={app.status} />
              {app.status === "deprecated" ? ": a deprecated app takes no new listing." : ": customers cannot find it in the marketplace until it has a listing."}
            </p>
          )}
        </div>
      </div>
      {l && <StatsSummary totals={l.totals} />}
      <div className="flex flex-wrap gap-2 md:justify-end">
        {l ? (
          <>
            {hasPublicPage(l.visibility) && (
              <Link href={`/marketplace/apps/${l.slug}`} className={secondaryLink}>
                <ExternalLink aria-hidden className="size-3.5" />
                Public page<span className="sr-only"> of {app.name}</span>
              </Link>
            )}
            <Link href={`/listings/${l.slug}`} className={primaryLink}>
              {canWrite ? "Edit" : "Open"}
              <span className="sr-only"> listing of {app.name}</span>
            </Link>
          </>
        ) : (
          canWrite &&
          canCreate &&
          app.status !== "deprecated" && (
            <Link href={`/listings/new?app=${app.id}`} className={primaryLink}>
              <Plus aria-hidden className="size-3.5" />
              Create listing<span className="sr-only"> for {app.name}</span>
            </Link>
          )
        )}
      </div>
    </li>
  );
}

function StatsSummary({ totals }: { totals: ListingStats["totals"] }) {
  const items = [
    { label: "Views", value: count.format(totals.views) },
    { label: "Impressions", value: count.format(totals.impressions) },
    { label: "Click-through", value: formatRate(totals.clickThroughRate) },
  ];
  return (
    <div className="shrink-0">
      <dl className="grid grid-cols-3 gap-4 md:w-72 md:text-right">
        {items.map((i) => (
          <div key={i.label} className="min-w-0">
            <dt className="truncate text-xs text-slate-600">
              {i.label}
              <span className="sr-only">, last 30 days</span>
            </dt>
            <dd className="text-base font-semibold tabular-nums text-slate-900">{i.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
