import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Listings" };

export default async function Page() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:marketplace");
  return (
    <>
      <PageHeader title="Listings" description="Your apps' pages in the marketplace." />
      {gate ?? <NotBuiltYet what="Listings" />}
    </>
  );
}
