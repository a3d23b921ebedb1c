import { ProfileForm } from "@/components/partners/profile-form";
import { getPartnerViewer } from "../../_server/viewer";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await getPartnerViewer();
  if (!viewer) return null;
  const canEdit = ["owner", "admin"].includes(viewer.principal.partnerRole ?? "");
  return <ProfileForm partnerId={viewer.partner.id} canEdit={canEdit} />;
}
