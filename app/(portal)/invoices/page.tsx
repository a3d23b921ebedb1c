import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Invoices" };

export default function Page() {
  return (
    <>
      <PageHeader title="Invoices" description="Monthly invoices and payouts." />
      <NotBuiltYet what="Invoices" />
    </>
  );
}
