import Link from "next/link";
import { PayoutsView } from "@/components/billing/payouts-view";
import { PageHeader } from "@/components/ui/page-header";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Payouts" };

export default async function PayoutsPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:billing");
  return (
    <>
      <PageHeader
        title="Payouts"
        description={
          <>
            What the platform pays you for your paid listings each month, after its share. What you owe the platform is under{" "}
            <Link href="/invoices" className="font-medium text-brand-700 hover:underline">
              Invoices
            </Link>
            .
          </>
        }
      />
      {gate ?? <PayoutsView />}
    </>
  );
}
