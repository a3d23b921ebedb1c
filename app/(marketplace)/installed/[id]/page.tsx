import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { CustomerIntegrationPage } from "@/components/integrations/integration-page";
import { ListingLogo } from "@/components/marketplace/browse-logo";
import { getDb } from "@/db";
import { readIntegrationSetup } from "@/lib/integrations/read-config-schema";
import { orNotFound } from "../../../_server/or-not-found";
import { customerGate } from "../../../_server/page-gate";
import { getViewer, requireViewer } from "../../../_server/viewer";

// The integration's own page for its agency. Read here, beside the API the page's parts call: the
// settings schema of the app's live version (the form is generated from it) and the app's logo.
const setupFor = cache(async (id: string) => {
  const viewer = await getViewer();
  if (!viewer?.account) return null; // the gate answers
  return orNotFound(readIntegrationSetup(await getDb(), viewer.principal, id, "account"));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const setup = await setupFor((await params).id);
  return { title: setup ? `${setup.appName} · Installed apps` : "Integration" };
}

export default async function IntegrationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const gate = customerGate(await requireViewer());
  if (gate) return gate;
  const setup = await setupFor(id);
  if (!setup) return null;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="flex min-w-0 items-center gap-4">
          <ListingLogo name={setup.appName} url={setup.logoUrl} size="md" />
          <div className="min-w-0">
            <h1 className="break-words text-2xl font-semibold tracking-tight text-slate-900">{setup.appName}</h1>
            <p className="mt-1 text-sm text-slate-600">
              By {setup.partnerName} · installed in {setup.accountName}
            </p>
          </div>
        </div>
        {setup.listingSlug && (
          <Link
            href={`/marketplace/apps/${setup.listingSlug}`}
            className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
          >
            Marketplace page
          </Link>
        )}
      </div>
      <CustomerIntegrationPage
        integrationId={setup.id}
        appName={setup.appName}
        accountName={setup.accountName}
        configSchema={setup.configSchema}
      />
    </>
  );
}
