import { ThisPeriod } from "@/components/billing/this-period";
import { UsageDashboard } from "@/components/usage/usage-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { hasScope } from "@/lib/auth/scopes";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Usage" };

export default async function UsagePage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  return (
    <>
      <PageHeader title="Usage" description="API calls per day, per key, with error rates." />
      {/* What the month's calls cost: for those who may read billing (the calls below need the same scope). */}
      {hasScope(viewer.principal.scopes, "read:billing") && (
        <div className="mb-8">
          <ThisPeriod />
        </div>
      )}
      <UsageDashboard partnerId={viewer.partner.id} canReadKeys={hasScope(viewer.principal.scopes, "read:keys")} />
    </>
  );
}
