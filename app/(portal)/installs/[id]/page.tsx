import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { PartnerInstallPage } from "@/components/integrations/partner-install-page";
import { getDb } from "@/db";
import { hasScope } from "@/lib/auth/scopes";
import { readIntegrationSetup } from "@/lib/integrations/read-config-schema";
import { orNotFound } from "../../../_server/or-not-found";
import { roleGate } from "../../../_server/page-gate";
import { getPartnerViewer } from "../../../_server/viewer";

// An install of one of the partner's apps; another partner's install is the portal's 404.
const setupFor = cache(async (id: string) => {
  const viewer = await getPartnerViewer();
  if (!viewer || !hasScope(viewer.principal.scopes, "read:marketplace")) return null; // the layout or the role gate answers
  return orNotFound(readIntegrationSetup(await getDb(), viewer.principal, id, "partner"));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const setup = await setupFor((await params).id);
  return { title: setup ? `${setup.accountName} · ${setup.appName} · Installs` : "Install" };
}

export default async function InstallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:marketplace");
  if (gate) return gate;
  const setup = await setupFor(id);
  if (!setup) return null;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold tracking-tight text-slate-900">{setup.accountName}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {setup.appName} · the agency manages its settings and mappings, and can uninstall it.
          </p>
        </div>
        <Link
          href={`/apps/${setup.applicationId}`}
          className="rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          App settings
        </Link>
      </div>
      <PartnerInstallPage integrationId={setup.id} canRunCheck={hasScope(viewer.principal.scopes, "write:marketplace")} />
    </>
  );
}
