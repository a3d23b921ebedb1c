import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Installed apps" };

export default function Page() {
  return (
    <>
      <PageHeader title="Installed apps" description="Integrations your agency has installed." />
      <NotBuiltYet what="Installed apps" />
    </>
  );
}
