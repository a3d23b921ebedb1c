import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Tickets" };

export default function Page() {
  return (
    <>
      <PageHeader title="Tickets" description="Support tickets from partners and customers." />
      <NotBuiltYet what="Tickets" />
    </>
  );
}
