import type { Metadata } from "next";
import { cache } from "react";
import { AppDetail } from "@/components/applications/app-detail";
import { getDb } from "@/db";
import { getApplication } from "@/lib/applications/application-queries";
import { checkDescriptions } from "@/lib/applications/security-checks";
import { tierScopes } from "@/lib/applications/tier-scopes";
import { hasScope } from "@/lib/auth/scopes";
import { orNotFound } from "../../../_server/or-not-found";
import { roleGate } from "../../../_server/page-gate";
import { getPartnerViewer } from "../../../_server/viewer";

// Looked up once per request (metadata and page share it). An unknown, malformed or another
// partner's id is the portal's 404 page with HTTP 404, not an error panel after the client's fetch.
const appFor = cache(async (id: string) => {
  const viewer = await getPartnerViewer();
  if (!viewer || !hasScope(viewer.principal.scopes, "read:applications")) return null; // the layout or the role gate answers
  return orNotFound(getApplication(await getDb(), viewer.principal, id));
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const app = await appFor(id);
  return { title: app ? `${app.name} · Apps` : "App" };
}

export default async function AppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:applications");
  if (gate) return gate;
  const app = await appFor(id);
  return (
    <AppDetail
      appId={id}
      initial={app ?? undefined}
      canWrite={hasScope(viewer.principal.scopes, "write:applications")}
      allowedScopes={tierScopes[viewer.partner.tier]}
      tier={viewer.partner.tier}
      descriptions={checkDescriptions}
    />
  );
}
