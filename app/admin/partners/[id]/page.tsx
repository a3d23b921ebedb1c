import { PartnerDetail } from "@/components/admin/partner-detail";

export const metadata = { title: "Partner" };

export default async function AdminPartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PartnerDetail partnerId={id} />;
}
