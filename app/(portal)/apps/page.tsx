import { AppsManager } from "@/components/applications/apps-manager";
import { PageHeader } from "@/components/ui/page-header";
import { hasScope } from "@/lib/auth/scopes";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Apps" };

export default async function AppsPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:applications");
  const partner = viewer.partner;
  return (
    <>
      <PageHeader title="Apps" description="Register apps, submit them for review and publish versions." />
      {gate ?? (
        <AppsManager
          partnerId={partner.id}
          partnerName={partner.name}
          partnerStatus={partner.status}
          partnerStatusReason={partner.statusReason}
          canRead
          canWrite={hasScope(viewer.principal.scopes, "write:applications")}
        />
      )}
    </>
  );
}
