import Link from "next/link";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Notification settings" };

export default function NotificationSettingsPage() {
  return (
    <>
      <PageHeader
        title="Notification settings"
        description={
          <>
            Every notification appears in Portico, under the bell and on the{" "}
            <Link href="/notifications" className="font-medium text-brand-700 hover:underline">
              Notifications
            </Link>{" "}
            page; that cannot be turned off. Choose which ones also come to you by email.
          </>
        }
      />
      <PreferencesForm />
    </>
  );
}
