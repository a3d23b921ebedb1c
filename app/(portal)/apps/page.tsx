import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Apps" };

export default async function Page() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:applications");
  return (
    <>
      <PageHeader title="Apps" description="Register apps, submit them for review and publish versions." />
      {gate ?? <NotBuiltYet what="Apps" />}
    </>
  );
}
