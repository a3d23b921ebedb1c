import { PartnersTable } from "@/components/admin/partners-table";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Partners" };

export default function AdminPartnersPage() {
  return (
    <>
      <PageHeader title="Partners" description="Approve new partners, suspend misbehaving ones, issue agreements." />
      <PartnersTable />
    </>
  );
}
