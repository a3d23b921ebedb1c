import type { ReactNode } from "react";
import { NoAccess } from "@/components/feedback/no-access";
import { AreaShell } from "@/components/shell/area-shell";
import { areas } from "@/components/shell/nav";
import { homeArea, requireViewer, viewerKind } from "../_server/viewer";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  if (!viewer.principal.isPlatformAdmin) {
    const area = homeArea(viewer);
    return (
      <AreaShell area={area} viewer={viewer}>
        <NoAccess
          need={{ admin: true }}
          signedInAs={viewerKind(viewer)}
          orgName={viewer.partner?.name ?? viewer.account?.name}
          home={{ href: areas[area].home, label: areas[area].label }}
        />
      </AreaShell>
    );
  }
  return (
    <AreaShell area="admin" viewer={viewer}>
      {children}
    </AreaShell>
  );
}
