import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { adminNav } from "@/components/shell/nav";
import { SectionLayout } from "@/components/shell/section-layout";
import { homeFor, requireViewer } from "../_server/viewer";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (!viewer.principal.isPlatformAdmin) redirect(homeFor(viewer));
  return (
    <SectionLayout nav={adminNav} label="Platform admin">
      {children}
    </SectionLayout>
  );
}
