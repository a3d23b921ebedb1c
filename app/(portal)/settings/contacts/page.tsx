import { ContactsManager } from "@/components/partners/contacts-manager";
import { getPartnerViewer } from "../../../_server/viewer";

export const metadata = { title: "Contacts" };

export default async function ContactsPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const canEdit = ["owner", "admin"].includes(viewer.principal.partnerRole ?? "");
  return <ContactsManager partnerId={viewer.partner.id} canEdit={canEdit} />;
}
