import { InstalledList } from "@/components/integrations/installed-list";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { readInstalledApps } from "@/lib/integrations/read-config-schema";
import { customerGate } from "../../_server/page-gate";
import { requireViewer } from "../../_server/viewer";

export const metadata = { title: "Installed apps" };

export default async function Page() {
  const viewer = await requireViewer();
  const gate = customerGate(viewer);
  return (
    <>
      <PageHeader title="Installed apps" description="Integrations your agency has installed: their health, settings and field mappings." />
      {gate ?? <InstalledList apps={await readInstalledApps(await getDb(), viewer.principal, "account")} />}
    </>
  );
}
