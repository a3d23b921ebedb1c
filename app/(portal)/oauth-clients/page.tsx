import { OAuthClientsManager } from "@/components/oauth-clients/oauth-clients-manager";
import { PageHeader } from "@/components/ui/page-header";
import { hasScope } from "@/lib/auth/scopes";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "OAuth clients" };

export default async function OAuthClientsPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const partner = viewer.partner;
  const scopes = viewer.principal.scopes;
  return (
    <>
      <PageHeader title="OAuth clients" description="OAuth 2.0 clients your apps use to act for customers." />
      <OAuthClientsManager
        partnerId={partner.id}
        partnerName={partner.name}
        partnerStatus={partner.status}
        partnerStatusReason={partner.statusReason}
        canRead={hasScope(scopes, "read:applications")}
        canWrite={hasScope(scopes, "write:applications")}
        grantedScopes={scopes}
      />
    </>
  );
}
