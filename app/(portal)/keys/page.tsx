import { KeysManager } from "@/components/keys/keys-manager";
import { PageHeader } from "@/components/ui/page-header";
import { hasScope } from "@/lib/auth/scopes";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "API keys" };

export default async function KeysPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const partner = viewer.partner;
  const scopes = viewer.principal.scopes;
  return (
    <>
      <PageHeader title="API keys" description="Keys your servers use to call the Portico API." />
      <KeysManager
        partnerId={partner.id}
        partnerName={partner.name}
        partnerStatus={partner.status}
        partnerStatusReason={partner.statusReason}
        canRead={hasScope(scopes, "read:keys")}
        canWrite={hasScope(scopes, "write:keys")}
        grantedScopes={scopes}
      />
    </>
  );
}
