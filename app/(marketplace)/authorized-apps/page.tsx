import { AuthorizedApps } from "@/components/oauth-consent/authorized-apps";
import { PageHeader } from "@/components/ui/page-header";
import { allScopes } from "@/lib/auth/scopes";
import { describeScope } from "@/lib/oauth/consent";
import { requireViewer } from "../../_server/viewer";

export const metadata = { title: "Authorized apps" };

export default async function AuthorizedAppsPage() {
  await requireViewer();
  const scopeLabels = Object.fromEntries(allScopes.map((s) => [s, describeScope(s)]));
  return (
    <>
      <PageHeader title="Authorized apps" description="Apps you have allowed to act for your agency. Revoking one ends its access at once." />
      <AuthorizedApps scopeLabels={scopeLabels} />
    </>
  );
}
