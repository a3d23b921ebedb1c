import { ContactsManager } from "@/components/partners/contacts-manager";
import { requireViewer } from "../../../_server/viewer";

export const metadata = { title: "Contacts" };

export default async function ContactsPage() {
  const viewer = await requireViewer();
  const canEdit = ["owner", "admin"].includes(viewer.principal.partnerRole ?? "");
  return <ContactsManager partnerId={viewer.partner!.id} canEdit={canEdit} />;
}
