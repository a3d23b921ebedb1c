import type { ReactNode } from "react";
import { AreaShell } from "@/components/shell/area-shell";
import { PartnerStatusBanner } from "@/components/shell/partner-status-banner";
import { homeArea, requireViewer } from "../_server/viewer";

// Pages every signed-in user has (support, notifications): drawn in the viewer's own area,
// so a partner stays in the portal and a customer in the marketplace.
export default async function EveryoneLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const area = homeArea(viewer);
  return (
    <AreaShell area={area} viewer={viewer} banner={area === "partner" && viewer.partner ? <PartnerStatusBanner partner={viewer.partner} /> : undefined}>
      {children}
    </AreaShell>
  );
}
