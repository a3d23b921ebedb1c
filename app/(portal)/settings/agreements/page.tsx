import { AgreementsList } from "@/components/partners/agreements-list";
import { requireViewer } from "../../../_server/viewer";

export const metadata = { title: "Agreements" };

export default async function AgreementsPage() {
  const viewer = await requireViewer();
  return <AgreementsList partnerId={viewer.partner!.id} canAccept={viewer.principal.partnerRole === "owner"} />;
}
