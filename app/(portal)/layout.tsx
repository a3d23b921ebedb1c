import type { ReactNode } from "react";
import { NoAccess } from "@/components/feedback/no-access";
import { AreaShell } from "@/components/shell/area-shell";
import { areas } from "@/components/shell/nav";
import { PartnerStatusBanner } from "@/components/shell/partner-status-banner";
import { homeArea, requireViewer, viewerKind } from "../_server/viewer";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (!viewer.partner) {
    // Not a partner member (a customer, an admin): say so in their own shell instead of a silent redirect.
    const area = homeArea(viewer);
    return (
      <AreaShell area={area} viewer={viewer}>
        <NoAccess need={{ partner: true }} signedInAs={viewerKind(viewer)} orgName={viewer.account?.name} home={{ href: areas[area].home, label: areas[area].label }} />
      </AreaShell>
    );
  }
  return (
    <AreaShell area="partner" viewer={viewer} banner={<PartnerStatusBanner partner={viewer.partner} />}>
      {children}
    </AreaShell>
  );
}
