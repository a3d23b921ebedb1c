import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Invoices" };

export default async function Page() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:billing");
  return (
    <>
      <PageHeader title="Invoices" description="Monthly invoices and payouts." />
      {gate ?? <NotBuiltYet what="Invoices" />}
    </>
  );
}
