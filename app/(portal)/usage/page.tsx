import { UsageDashboard } from "@/components/usage/usage-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { hasScope } from "@/lib/auth/scopes";
import { requireViewer } from "../../_server/viewer";

export const metadata = { title: "Usage" };

export default async function UsagePage() {
  const viewer = await requireViewer();
  return (
    <>
      <PageHeader title="Usage" description="API calls per day, per key, with error rates." />
      <UsageDashboard partnerId={viewer.partner!.id} canReadKeys={hasScope(viewer.principal.scopes, "read:keys")} />
    </>
  );
}
