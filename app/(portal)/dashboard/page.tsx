import { PartnerDashboard } from "@/components/partners/partner-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "../../_server/viewer";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const viewer = await requireViewer();
  return (
    <>
      <PageHeader title={viewer.partner!.name} description="Your partner account at a glance." />
      <PartnerDashboard partnerId={viewer.partner!.id} />
    </>
  );
}
