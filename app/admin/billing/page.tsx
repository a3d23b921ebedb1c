import { PageHeader } from "@/components/ui/page-header";
import { NotBuiltYet } from "@/components/ui/states";

export const metadata = { title: "Billing" };

export default function Page() {
  return (
    <>
      <PageHeader title="Billing" description="Pricing, invoice runs and payouts." />
      <NotBuiltYet what="Billing" />
    </>
  );
}
