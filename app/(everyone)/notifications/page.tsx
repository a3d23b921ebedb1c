import Link from "next/link";
import { Settings } from "lucide-react";
import { NotificationsList } from "@/components/notifications/notifications-list";
import { secondaryAction } from "@/components/feedback/status-panel";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Notifications" };

// Every signed-in user's inbox, in their own shell (the (everyone) layout): the bell shows the
// latest ten, this page all of them.
export default function NotificationsPage() {
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Support replies, billing, your apps and integrations, webhook endpoints: everything Portico told you, newest first."
        actions={
          <Link href="/notifications/settings" className={secondaryAction}>
            <Settings aria-hidden className="size-4" />
            Notification settings
          </Link>
        }
      />
      <NotificationsList />
    </>
  );
}
