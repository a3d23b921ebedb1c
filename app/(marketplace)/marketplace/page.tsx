import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Marketplace" };

export default function Page() {
  return (
    <>
      <PageHeader title="Marketplace" description="Integrations built by Portico partners." />
      <NotBuiltYet what="Marketplace" />
    </>
  );
}
