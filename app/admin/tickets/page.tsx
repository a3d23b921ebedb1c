import { StaffQueue } from "@/components/support/staff-queue";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "../../_server/viewer";

export const metadata = { title: "Tickets" };

export default async function Page() {
  const viewer = await requireViewer();
  // The admin layout answers anyone else ("Admins only"); nothing of the queue is rendered for them.
  if (!viewer.principal.isPlatformAdmin) return null;
  return (
    <>
      <PageHeader title="Tickets" description="Support tickets from partners and customers, the reply due soonest first." />
      <StaffQueue meId={viewer.user.id} />
    </>
  );
}
