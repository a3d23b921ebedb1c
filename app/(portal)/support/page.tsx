import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Support" };

export default async function Page() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:support");
  return (
    <>
      <PageHeader title="Support" description="Tickets with the Portico team." />
      {gate ?? <NotBuiltYet what="Support" />}
    </>
  );
}
