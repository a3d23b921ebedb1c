import { PartnerOverview } from "@/components/dashboard/partner-overview";
import { hasScope } from "@/lib/auth/scopes";
import { PageHeader } from "@/components/ui/page-header";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  return (
    <>
      <PageHeader title={viewer.partner.name} description="Your partner account at a glance." />
      <PartnerOverview
        partnerId={viewer.partner.id}
        canSeeUsage={hasScope(viewer.principal.scopes, "read:billing")}
        canSeeWebhooks={hasScope(viewer.principal.scopes, "read:webhooks")}
      />
    </>
  );
}
