import { PartnerInstallsList } from "@/components/integrations/partner-installs-list";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { readInstalledApps } from "@/lib/integrations/read-config-schema";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Installs" };

export default async function InstallsPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:marketplace");
  return (
    <>
      <PageHeader title="Installs" description="Your apps in customers' accounts: how each install is doing, with its error rate over the last 30 days." />
      {gate ?? <PartnerInstallsList apps={await readInstalledApps(await getDb(), viewer.principal, "partner")} />}
    </>
  );
}
