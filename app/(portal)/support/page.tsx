import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Support" };

export default function Page() {
  return (
    <>
      <PageHeader title="Support" description="Tickets with the Portico team." />
      <NotBuiltYet what="Support" />
    </>
  );
}
