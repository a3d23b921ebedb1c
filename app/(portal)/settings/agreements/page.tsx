import { AgreementsList } from "@/components/partners/agreements-list";
import { getPartnerViewer } from "../../../_server/viewer";

export const metadata = { title: "Agreements" };

export default async function AgreementsPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  return <AgreementsList partnerId={viewer.partner.id} canAccept={viewer.principal.partnerRole === "owner"} />;
}
