import { AgreementsList } from "@/components/partners/agreements-list";
import { getPartnerViewer } from "../../../_server/viewer";

export const metadata = { title: "Agreements" };

export default async function AgreementsPage() {
  const viewer = await getPartnerViewer();
  // Not a partner: the area layout shows the no-access page; this page has nothing to render.
  if (!viewer) return null;
  return <AgreementsList partnerId={viewer.partner.id} canAccept={viewer.principal.partnerRole === "owner"} />;
}
