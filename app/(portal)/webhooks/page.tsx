import { PageHeader } from "@/components/ui/page-header";
import { WebhooksManager } from "@/components/webhooks/webhooks-manager";
import { hasScope } from "@/lib/auth/scopes";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const partner = viewer.partner;
  const scopes = viewer.principal.scopes;
  return (
    <>
      <PageHeader title="Webhooks" description="Endpoints that receive signed platform events." />
      <WebhooksManager
        partnerId={partner.id}
        partnerName={partner.name}
        partnerStatus={partner.status}
        partnerStatusReason={partner.statusReason}
        canRead={hasScope(scopes, "read:webhooks")}
        canWrite={hasScope(scopes, "write:webhooks")}
      />
    </>
  );
}
