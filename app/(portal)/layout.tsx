import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { partnerNav } from "@/components/shell/nav";
import { PartnerStatusBanner } from "@/components/shell/partner-status-banner";
import { SectionLayout } from "@/components/shell/section-layout";
import { homeFor, requireViewer } from "../_server/viewer";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (!viewer.partner) redirect(homeFor(viewer));
  return (
    <SectionLayout nav={partnerNav} label="Partner portal" banner={<PartnerStatusBanner partner={viewer.partner} />}>
      {children}
    </SectionLayout>
  );
}
