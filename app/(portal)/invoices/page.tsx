import Link from "next/link";
import { InvoicesList } from "@/components/billing/invoices-list";
import { UpcomingInvoiceCard } from "@/components/billing/upcoming-invoice-card";
import { PageHeader } from "@/components/ui/page-header";
import { roleGate } from "../../_server/page-gate";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Invoices" };

export default async function InvoicesPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const gate = roleGate(viewer, "read:billing");
  return (
    <>
      <PageHeader
        title="Invoices"
        description={
          <>
            Platform fees and API usage, invoiced on the 1st of each month for the month before. What the platform pays you is under{" "}
            <Link href="/payouts" className="font-medium text-brand-700 hover:underline">
              Payouts
            </Link>
            .
          </>
        }
      />
      {gate ?? (
        <div className="grid gap-6">
          <UpcomingInvoiceCard />
          <InvoicesList />
        </div>
      )}
    </>
  );
}
