import { CreateAppWizard } from "@/components/applications/create-app-wizard";
import { inactivePartnerCopy } from "@/components/partners/partner-feature-gate";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { tierScopes } from "@/lib/applications/tier-scopes";
import { roleGate } from "../../../_server/page-gate";
import { getPartnerViewer } from "../../../_server/viewer";

export const metadata = { title: "Create app" };

export default async function NewAppPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "write:applications");
  if (gate) {
    return (
      <>
        <PageHeader title="Create app" />
        {gate}
      </>
    );
  }
  const partner = viewer.partner;
  const closed = inactivePartnerCopy(
    { name: "Apps", roleText: "", onApproval: "register apps here", whileSuspended: "No apps can be created" },
    partner.status,
    partner.name,
    partner.statusReason,
  );
  return (
    <>
      <PageHeader
        title="Create app"
        description="The app starts as a draft: nothing is public until a reviewer approves it and you publish it."
      />
      {closed ? (
        <EmptyState title={closed.title} level={2}>
          {closed.body}
        </EmptyState>
      ) : (
        <CreateAppWizard allowedScopes={tierScopes[partner.tier]} tier={partner.tier} />
      )}
    </>
  );
}
