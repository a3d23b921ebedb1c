import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";
import { customerGate } from "../../_server/page-gate";
import { requireViewer } from "../../_server/viewer";

export const metadata = { title: "Installed apps" };

export default async function Page() {
  const gate = customerGate(await requireViewer());
  return (
    <>
      <PageHeader title="Installed apps" description="Integrations your agency has installed." />
      {gate ?? <NotBuiltYet what="Installed apps" />}
    </>
  );
}
